"""What every service needs: the Assembly body, its colleges, promotions and the plugin's errors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Refused, _, bodies, use_locale
from parvis.api.bodies import Body, College, Term
from parvis.plugins.assembly.kinds import COLLEGE_METHODS, COLLEGE_NAMES, KIND
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.settings import AssemblySettings

if TYPE_CHECKING:
    from parvis.api import Site


class AssemblyError(Refused):
    """A refused operation: a translated message, the form field it concerns, details (rows...).

    A ``Refused``: in a background job it fails the job at once with its message and details."""

    def __init__(self, message: str, field: str | None = None, details: Sequence[str] = ()) -> None:
        super().__init__(message, field, list(details))


def settings_of(site: Site) -> AssemblySettings:
    return site.settings("assembly")


def find_body(db: Session, site: Site) -> Body | None:
    return bodies.body_by_slug(db, settings_of(site).body_slug)


def ensure_body(db: Session, site: Site) -> Body:
    """The Assembly body (get or create by its slug); ``create_body`` gives it the kind's colleges."""
    settings = settings_of(site)
    body = find_body(db, site)
    if body is None:
        with use_locale(site.config.site.default_locale):
            name = _("Citizens' Assembly {site.city:of}")
        body = bodies.create_body(db, site, KIND, name)
        body.slug = settings.body_slug
        db.flush()
    return body


def ensure_colleges(db: Session, site: Site, body: Body) -> dict[str, College]:
    settings = settings_of(site)
    existing = {c.code: c for c in body.colleges}
    with use_locale(site.config.site.default_locale):
        for code, name in COLLEGE_NAMES.items():
            if code not in existing:
                existing[code] = bodies.add_college(
                    db,
                    site,
                    body,
                    code=code,
                    name=str(name),
                    seats=settings.seats.get(code, 0),
                    fill_method=COLLEGE_METHODS[code],
                )
    db.refresh(body, ["colleges"])
    return existing


def college(body: Body, code: str) -> College:
    for item in body.colleges:
        if item.code == code:
            return item
    raise AssemblyError(_("The Assembly has no college {code}.").format(code=code))


def college_by_id(db: Session, college_id: int) -> College:
    found = db.get(College, college_id)
    if found is None:
        raise AssemblyError(_("Choose among the options shown."), "college")
    return found


def promotions(db: Session, body: Body) -> list[AssemblyPromotion]:
    return list(
        db.scalars(
            select(AssemblyPromotion)
            .join(Term, Term.id == AssemblyPromotion.term_id)
            .where(AssemblyPromotion.body_id == body.id)
            .order_by(Term.starts_on.desc())
        )
    )


def promotion_by_public_id(db: Session, public_id: str) -> AssemblyPromotion | None:
    return db.scalar(select(AssemblyPromotion).where(AssemblyPromotion.public_id == public_id))


def promotion_by_label(db: Session, site: Site, label: str) -> AssemblyPromotion | None:
    body = find_body(db, site)
    if body is None:
        return None
    return db.scalar(
        select(AssemblyPromotion)
        .join(Term, Term.id == AssemblyPromotion.term_id)
        .where(AssemblyPromotion.body_id == body.id, Term.label == label)
    )


def current_promotion(db: Session, site: Site) -> AssemblyPromotion | None:
    """The promotion a page shows first: the latest running, else the next, else the last."""
    body = find_body(db, site)
    if body is None:
        return None
    today = site.today()
    found = promotions(db, body)  # newest first
    running = [p for p in found if p.term.starts_on <= today <= p.term.ends_on]
    upcoming = [p for p in found if p.term.starts_on > today]
    if running:
        return running[0]
    if upcoming:
        return upcoming[-1]
    return found[0] if found else None
