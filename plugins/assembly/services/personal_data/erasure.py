"""Erasure of a person's Assembly data (what is kept and why) and the scheduled purge."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    Account,
    Kept,
    KeptRule,
    Person,
    Retention,
    anonymise,
    hookimpl,
    kept_by,
    retention_span,
    rows_affected,
)
from parvis.api.bodies import Membership, MembershipStatus, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyDraw,
    AssemblyEnrolment,
    AssemblyGroupMember,
    AssemblyInvitee,
    AssemblyPaymentBatch,
    AssemblyPaymentLine,
    AssemblyProfile,
    AssemblyPromotion,
    AssemblySeat,
    AssemblyTopic,
    AssemblyTopicVote,
    DrawKind,
    DrawStatus,
)
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.services.personal_data.links import answers_of, applications_matching, seats_of

if TYPE_CHECKING:
    from parvis.api import Site


# -- erasure ------------------------------------------------------------------------------------


def _kept_rules(site: Site) -> tuple[KeptRule, ...]:
    return (
        KeptRule(
            what=N_("Your seat in the Citizens' Assembly, without your name"),
            why=N_(
                "The published draw and the seats it filled stay whole; your seat is marked vacant so "
                "that it can be filled from the reserve."
            ),
            person=Membership.person_id,
            where=(Membership.id.in_(select(AssemblySeat.membership_id)),),
            until=Retention(N_("the body's records are archived")),
        ),
        KeptRule(
            what=N_("Your votes on workshop topics and the topics you proposed, without your name"),
            why=N_("The workshops' choice of topics stays as it was voted."),
            person=(AssemblyTopicVote.person_id, AssemblyTopic.proposed_by_id),
        ),
        KeptRule(
            what=N_("Your pay records (periods, half-days, amounts) with your name"),
            why=N_(
                "The City's accounts must keep the records of what it paid (legal obligation). Nothing "
                "else about you is kept with them."
            ),
            person=AssemblyPaymentLine.person_id,
            until=Retention(N_("the payment"), years=settings_of(site).pay_records_years),
            tables=("assembly_payment_line",),
            keeps_name=True,
        ),
    )


@hookimpl(specname="personal_data_kept")
def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    return kept_by(_kept_rules(site), db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, site, account, person)
    condition = applications_matching(account, person)
    if condition is not None:
        db.execute(delete(AssemblyApplication).where(condition).execution_options(synchronize_session=False))
    if person is None:
        return found
    now = site.now()
    seats = seats_of(db, person)
    for seat, membership, _promotion, _college in seats:
        if (
            membership.status in (MembershipStatus.ACTIVE, MembershipStatus.INVITED)
            and seat.vacated_at is None
        ):
            seat.vacated_at = now
    invitees = [invitee.id for _response, invitee in answers_of(db, [s for s, *_rest in seats])]
    if invitees:  # their answers go with them (ON DELETE CASCADE)
        db.execute(
            delete(AssemblyInvitee)
            .where(AssemblyInvitee.id.in_(invitees))
            .execution_options(synchronize_session=False)
        )
    for model in (AssemblyGroupMember, AssemblyProfile, AssemblyEnrolment):
        db.execute(
            delete(model).where(model.person_id == person.id).execution_options(synchronize_session=False)
        )
    anonymise(db, AssemblyTopic.proposed_by_id, person.id)
    anonymise(db, AssemblyTopicVote.person_id, person.id)
    db.flush()
    return found


# -- retention ----------------------------------------------------------------------------------


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    """After each selection draw: the answers of people not drawn (once the draw is published, or
    at the latest when the reserve's time is over), then the reserve's; the members' recruitment
    answers ``members_data_months`` after their promotion; pay lines after ``pay_records_years``."""
    from parvis.plugins.assembly.services import privacy

    settings = settings_of(site)
    counts = {
        "assembly.answers": 0,
        "assembly.applications": 0,
        "assembly.invitees": 0,
        "assembly.pay_lines": 0,
    }
    today = now.date()
    draws = db.scalars(
        select(AssemblyDraw).where(AssemblyDraw.kind != DrawKind.PREDRAW, AssemblyDraw.drawn_at.is_not(None))
    ).all()
    for draw in draws:
        reserve_over = today > draw.drawn_at.date() + timedelta(days=settings.reserve_days)  # type: ignore[union-attr]
        if draw.status != DrawStatus.PUBLISHED and not reserve_over:
            continue
        promotion = db.get(AssemblyPromotion, draw.promotion_id)
        if promotion is None or not privacy.personal_rows_left(db, promotion, draw.college):
            continue
        try:
            deleted = privacy.purge(db, site, promotion, draw.college)
        except AssemblyError:
            continue
        for key, n in deleted.items():
            counts[f"assembly.{key}"] += n
    ended = db.scalars(
        select(AssemblyPromotion)
        .join(Term, Term.id == AssemblyPromotion.term_id)
        .where(Term.ends_on < today - retention_span(months=settings.members_data_months))
    ).all()
    for promotion in ended:
        for key, model in (
            ("assembly.applications", AssemblyApplication),
            ("assembly.invitees", AssemblyInvitee),  # their answers go with them
        ):
            result = db.execute(
                delete(model)
                .where(model.promotion_id == promotion.id)
                .execution_options(synchronize_session=False)
            )
            counts[key] += rows_affected(result)
    old_batches = select(AssemblyPaymentBatch.id).where(
        AssemblyPaymentBatch.exported_at < now - retention_span(years=settings.pay_records_years)
    )
    result = db.execute(
        delete(AssemblyPaymentLine)
        .where(AssemblyPaymentLine.batch_id.in_(old_batches))
        .execution_options(synchronize_session=False)
    )
    counts["assembly.pay_lines"] = rows_affected(result)
    db.expire_all()
    return counts
