"""Demo translations (``demo_content``): English and Japanese versions of two councils' names and
descriptions and of one call for applications, and one translation left "needing translation" (its
original changed after it was made), so that the back office's list has something to show."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.councils.models import Call

from . import service
from .demo_content import BODIES, CALL, EARLIER_YOUTH_DESCRIPTION, EUROPEANS, YOUTH
from .models import ContentTranslation
from .registry import translatable_kinds


def seed(db: Session, site: Any) -> None:
    kinds = translatable_kinds(site)
    found = {body.name: body for body in db.scalars(select(Body).where(Body.name.in_(list(BODIES))))}
    for name, texts in BODIES.items():
        if name in found:
            service.save(db, site, kinds["core.body"], found[name], texts)
    europeans = found.get(EUROPEANS)
    if europeans is not None and "councils.call" in kinds:
        call = db.scalar(
            select(Call).where(Call.body_id == europeans.id).order_by(Call.opens_on.desc()).limit(1)
        )
        if call is not None:
            service.save(db, site, kinds["councils.call"], call, CALL)
    youth = found.get(YOUTH)
    if youth is not None:
        # Translated from an earlier wording of the description: it needs translation again.
        row = db.scalar(
            select(ContentTranslation).where(
                ContentTranslation.kind == "core.body",
                ContentTranslation.object_id == youth.id,
                ContentTranslation.field == "description",
            )
        )
        if row is not None:
            row.source_hash = service.fingerprint(EARLIER_YOUTH_DESCRIPTION)
    db.flush()
