"""A person's volunteering data for the export of their personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    ExportSection,
    Person,
    _,
    hookimpl,
    section,
    word,
)
from parvis.plugins.volunteers.models import (
    CalendarFeed,
    CampaignSignup,
    CampaignTeam,
    Mission,
    Organisation,
    OrgMember,
    OrgRole,
    Participation,
    Slot,
    VolunteerCampaign,
)

if TYPE_CHECKING:
    from parvis.api import Site


@hookimpl(specname="export_personal_data")
def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    if account is None:
        return []
    participations = db.execute(
        select(Participation, Slot, Mission.title)
        .join(Slot, Slot.id == Participation.slot_id)
        .join(Mission, Mission.id == Slot.mission_id)
        .where(Participation.account_id == account.id)
        .order_by(Slot.starts_at, Participation.id)
    )
    signups = db.execute(
        select(CampaignSignup, VolunteerCampaign.title, CampaignTeam.number)
        .join(VolunteerCampaign, VolunteerCampaign.id == CampaignSignup.campaign_id)
        .outerjoin(CampaignTeam, CampaignTeam.id == CampaignSignup.team_id)
        .where(CampaignSignup.account_id == account.id)
        .order_by(CampaignSignup.created_at)
    )
    organisations = db.execute(
        select(OrgMember.role, Organisation.name)
        .join(Organisation, Organisation.id == OrgMember.organisation_id)
        .where(OrgMember.account_id == account.id)
        .order_by(Organisation.name)
    )
    feed = db.get(CalendarFeed, account.id)
    return [
        section(
            "volunteers.participations",
            _("Volunteering: your sign-ups"),
            [
                ("mission", _("Mission")),
                ("starts_at", _("Starts")),
                ("ends_at", _("Ends")),
                ("status", _("Status")),
                ("validated_at", _("Validated by the organiser")),
                ("signed_up_at", _("Signed up")),
                ("ended_at", _("Cancelled or declined")),
            ],
            (
                {
                    "mission": title,
                    "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at,
                    "status": _(p.status.label),
                    "validated_at": p.validated_at,
                    "signed_up_at": p.created_at,
                    "ended_at": p.ended_at,
                }
                for p, slot, title in participations
            ),
        ),
        section(
            "volunteers.campaigns",
            _("Volunteering: campaigns"),
            [
                ("campaign", _("Campaign")),
                ("role", _("Role")),
                ("district", word("district", "Name")),
                ("team", _("Team")),
                ("charter_accepted_at", _("Charter accepted")),
            ],
            (
                {
                    "campaign": title,
                    "role": _(s.role.label),
                    "district": s.district,
                    "team": team,
                    "charter_accepted_at": s.charter_accepted_at,
                }
                for s, title, team in signups
            ),
        ),
        section(
            "volunteers.organisations",
            _("Volunteering: organisations you act for"),
            [("organisation", _("Organisation")), ("role", _("Role"))],
            ({"organisation": name, "role": _(OrgRole(role).label)} for role, name in organisations),
        ),
        section(
            "volunteers.calendar",
            _("Volunteering: your private calendar address"),
            [("created_at", _("Created"))],
            [{"created_at": feed.created_at}] if feed is not None else [],
            note=_("The secret address itself is not shown here; it is on your volunteering page."),
        ),
    ]
