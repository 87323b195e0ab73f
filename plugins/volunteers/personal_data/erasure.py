"""Erasure of a person's volunteering data (what is kept and why) and the scheduled purge."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from parvis.api import N_, Account, Kept, KeptRule, Person, hookimpl, kept_by, retention_span, rows_affected
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import (
    CalendarFeed,
    CampaignSignup,
    OrgMember,
    Participation,
    ParticipationStatus,
    Slot,
    VolunteerCampaign,
)

if TYPE_CHECKING:
    from parvis.api import Site


def _past_confirmed(now: datetime) -> tuple[Any, ...]:
    """Participations confirmed for dates now over: erasure keeps them, without the volunteer."""
    return (
        Participation.status == ParticipationStatus.CONFIRMED,
        Participation.slot_id.in_(select(Slot.id).where(Slot.ends_at <= now)),
    )


def _kept_rules(now: datetime) -> tuple[KeptRule, ...]:
    return (
        KeptRule(
            what=N_("Your past participations in missions, without your name"),
            why=N_("The missions' numbers of volunteers stay right."),
            account=Participation.account_id,
            where=_past_confirmed(now),
        ),
    )


@hookimpl(specname="personal_data_kept")
def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    return kept_by(_kept_rules(site.now()), db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, site, account, person)
    if account is None:
        return found
    now = site.now()
    upcoming = db.scalars(
        select(Participation.id)
        .join(Slot, Slot.id == Participation.slot_id)
        .where(
            Participation.account_id == account.id,
            Participation.status.in_(signup.ACTIVE),
            Slot.ends_at > now,
        )
    ).all()
    for participation_id in upcoming:  # frees the place for the waiting list, as a cancellation does
        signup.cancel(db, site, participation_id, now)
    db.execute(
        update(Participation)
        .where(Participation.account_id == account.id, *_past_confirmed(now))
        .values(account_id=None)
        .execution_options(synchronize_session=False)
    )
    for model in (Participation, CampaignSignup, OrgMember, CalendarFeed):
        db.execute(
            delete(model).where(model.account_id == account.id).execution_options(synchronize_session=False)
        )
    db.flush()
    return found


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    settings = site.settings("volunteers")
    old_slots = select(Slot.id).where(
        Slot.ends_at < now - retention_span(months=settings.participations_kept_months)
    )
    anonymised = db.execute(
        update(Participation)
        .where(
            Participation.account_id.is_not(None),
            Participation.status == ParticipationStatus.CONFIRMED,
            Participation.slot_id.in_(old_slots),
        )
        .values(account_id=None)
        .execution_options(synchronize_session=False)
    )
    dropped = db.execute(
        delete(Participation)
        .where(Participation.status != ParticipationStatus.CONFIRMED, Participation.slot_id.in_(old_slots))
        .execution_options(synchronize_session=False)
    )
    old_campaigns = select(VolunteerCampaign.id).where(
        VolunteerCampaign.ends_at < now - retention_span(months=settings.campaign_signups_kept_months)
    )
    signups = db.execute(
        delete(CampaignSignup)
        .where(CampaignSignup.campaign_id.in_(old_campaigns))
        .execution_options(synchronize_session=False)
    )
    return {
        "volunteers.participations": rows_affected(anonymised) + rows_affected(dropped),
        "volunteers.campaign_signups": rows_affected(signups),
    }
