"""Opening a promotion: its term, its three colleges' seats, its groups and its calendar."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from parvis.api import Actor, _, bodies, use_locale
from parvis.api.bodies import Group
from parvis.plugins.assembly.kinds import GROUP_NAMES, MONITORING
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services.common import (
    AssemblyError,
    ensure_body,
    ensure_colleges,
    settings_of,
)

if TYPE_CHECKING:
    from parvis.api import Site


def open_promotion(
    db: Session,
    site: Site,
    actor: Actor | None,
    *,
    label: str,
    starts_on: date,
    ends_on: date,
    seats: dict[str, int] | None = None,
    questionnaire_closes_on: date | None = None,
    applications_close_on: date | None = None,
) -> AssemblyPromotion:
    """A new promotion ("2025-26"): a term of the Assembly with its groups and recruitment dates.

    The colleges belong to the body; their seats are set to ``seats`` (default: the settings), which
    is refused when a running promotion already holds more seats than that.
    """
    settings = settings_of(site)
    body = ensure_body(db, site)
    try:
        term = bodies.add_term(db, body, label, starts_on, ends_on)
    except bodies.BodyError as error:
        raise AssemblyError(error.message, error.field) from None
    wanted = {**settings.seats, **(seats or {})}
    for code, college in ensure_colleges(db, site, body).items():
        if code in wanted and college.seats != wanted[code]:
            try:
                bodies.update_college(
                    db,
                    site,
                    college,
                    code=college.code,
                    name=college.name,
                    seats=wanted[code],
                    fill_method=college.fill_method,
                    eligibility=college.eligibility,
                )
            except bodies.BodyError as error:
                raise AssemblyError(error.message, "seats") from None
    today = site.today()
    opening = max(today, starts_on - timedelta(days=120))
    promotion = AssemblyPromotion(
        body_id=body.id,
        term=term,
        questionnaire_closes_on=questionnaire_closes_on
        or opening + timedelta(days=settings.questionnaire_days),
        applications_close_on=applications_close_on or opening + timedelta(days=settings.application_days),
        young_form_closes_on=questionnaire_closes_on or opening + timedelta(days=settings.questionnaire_days),
        created_by_id=actor.account.id if actor and actor.account else None,
    )
    db.add(promotion)
    db.flush()
    create_groups(db, site, promotion)
    return promotion


def create_groups(db: Session, site: Site, promotion: AssemblyPromotion) -> list[Group]:
    """The Deliberation and Exploration workshops and the Monitoring space of the promotion."""
    body = promotion.body
    made = []
    with use_locale(site.config.site.default_locale):
        for kind, name in GROUP_NAMES.items():
            made.append(
                bodies.add_group(
                    db,
                    site,
                    body,
                    name=f"{name} {promotion.term.label}",
                    kind=kind,
                    open_to_all_members=kind == MONITORING,
                    term=promotion.term,
                )
            )
    return made


def update_calendar(
    db: Session,
    promotion: AssemblyPromotion,
    *,
    questionnaire_closes_on: date | None,
    applications_close_on: date | None,
    young_form_closes_on: date | None,
) -> None:
    for value in (questionnaire_closes_on, applications_close_on, young_form_closes_on):
        if value is not None and value > promotion.term.ends_on:
            raise AssemblyError(_("This date is after the end of the promotion."))
    promotion.questionnaire_closes_on = questionnaire_closes_on
    promotion.applications_close_on = applications_close_on
    promotion.young_form_closes_on = young_form_closes_on
    db.flush()
