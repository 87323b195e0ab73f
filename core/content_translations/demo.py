"""Demo translations: English and Japanese versions of two councils' names and descriptions and of
one call for applications, and one translation left "needing translation" (its original changed
after it was made), so that the back office's list has something to show."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.councils.models import Call

from . import service
from .models import ContentTranslation
from .registry import translatable_kinds

EUROPEANS = "Conseil des Européens de Paris"
YOUTH = "Conseil parisien de la jeunesse"

BODIES: dict[str, dict[tuple[str, str], str]] = {
    EUROPEANS: {
        ("name", "en"): "Council of Europeans of Paris",
        ("name", "ja"): "パリ欧州市民評議会",
        ("description", "en"): (
            "61 Parisians who are citizens of another member state of the European Union, drawn by "
            "lot; seats in proportion to each nationality."
        ),
        ("description", "ja"): (
            "パリに住む、フランス以外の欧州連合加盟国の市民61人を抽選で選びます。議席は国籍ごとの人数に比例して配分されます。"
        ),
    },
    YOUTH: {
        ("name", "en"): "Paris Youth Council",
        ("name", "ja"): "パリ青少年評議会",
        ("description", "en"): (
            "100 young people aged 15 to 30, as many women as men, drawn by lot among the applicants."
        ),
    },
}
CALL = {
    ("title", "en"): "Call for applications to the Council of Europeans",
    ("title", "ja"): "欧州市民評議会の委員募集",
}


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
            row.source_hash = service.fingerprint("100 jeunes de 15 à 30 ans, tirés au sort.")
    db.flush()
