"""Demo data: a complete fictitious promotion of the Citizens' Assembly, recruited through the same
services an official uses (``demo_recruitment``), then its members' life (``demo_members``); the
past promotions and their recommendations (``demo_followup``) are seeded first on the same body,
so the whole history is in order. The recruitment data of people not drawn is then purged, as it
would be. Every text and name is in ``demo_content``; the dates follow the site's today so the demo
stays alive.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import OFFICIAL, Actor, _
from parvis.api.demo import DemoContext
from parvis.plugins.assembly import demo_members as life
from parvis.plugins.assembly import demo_recruitment as recruitment
from parvis.plugins.assembly.demo_followup import seed as seed_followup
from parvis.plugins.assembly.services import common, groups, privacy, promotions, seats
from parvis.plugins.assembly.settings import ROLL


def seed(db: Session, demo: DemoContext) -> None:
    demo.progress(_("Citizens' Assembly"))
    site: Any = demo.site
    seed_followup(db, demo, common.ensure_body(db, site))  # past promotions first; once only
    today = demo.today
    year = today.year if today >= date(today.year, 10, 1) else today.year - 1
    label = recruitment.label(year)
    if common.promotion_by_label(db, site, label) is not None:
        return
    official = Actor(demo.accounts.get("official"), frozenset({OFFICIAL}))
    far = today + timedelta(days=365)
    promotion = promotions.open_promotion(
        db,
        site,
        official,
        label=label,
        starts_on=date(year, 10, 1),
        ends_on=date(year + 1, 6, 30),
        questionnaire_closes_on=far,
        applications_close_on=far,
    )
    groups.share_monitoring_space(db, site, promotion)
    recruitment.college_a(db, site, demo, promotion, official)
    recruitment.college_b(db, site, demo, promotion, official)
    recruitment.college_c(db, site, demo, promotion, official)
    # The calendar as it was: every form closed in June, before the draws.
    promotion.questionnaire_closes_on = date(year, 6, 15)
    promotion.young_form_closes_on = date(year, 6, 15)
    promotion.applications_close_on = date(year, 6, 15)
    db.flush()
    _members_year(db, demo, promotion, official)
    demo.progress(
        _("Citizens' Assembly: promotion {label} with {count} seats").format(
            label=label, count=len(seats.seats_of(db, promotion))
        )
    )
    codes_to_try = recruitment.next_recruitment(db, demo, official, year + 1)
    demo.progress(
        _("Citizens' Assembly: promotion {label} recruiting; codes to try at {path}: {codes}").format(
            label=recruitment.label(year + 1),
            path=f"/{site.config.site.default_locale}/assembly/questionnaire",
            codes=", ".join(codes_to_try),
        )
    )


def _members_year(db: Session, demo: DemoContext, promotion: Any, official: Actor) -> None:
    """The drawn members' year so far, then the purge of the recruitment data of those not drawn."""
    site: Any = demo.site
    rng, today = demo.rng, demo.today
    member = life.seat_everyone(db, site, demo, promotion)
    found = groups.groups_of(db, promotion)
    life.join_workshops(db, site, rng=rng, promotion=promotion, found=found, member=member)
    life.vote_on_topics(db, site, rng=rng, promotion=promotion, found=found, member=member)
    meetings = life.plan_meetings(db, site, promotion=promotion, found=found)
    life.plan_trainings(db, site, promotion, today, member)
    life.record_attendance(db, site, rng=rng, promotion=promotion, meetings=meetings, today=today)
    life.first_outputs(db, site, promotion=promotion, found=found, official=official, meetings=meetings)
    life.pay_members(db, site, promotion, official, today)
    for college in promotion.body.colleges:
        privacy.purge(db, site, promotion, college)
    privacy.log_access(db, site, official, promotion, action="answers", part=ROLL, records=0)
    db.flush()
