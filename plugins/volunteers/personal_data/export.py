"""A person's volunteering data for the export of their personal data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    ExportColumn,
    ExportSection,
    Person,
    _,
    export_table,
    hookimpl,
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
        select(
            Mission.title.label("mission"),
            Slot.starts_at,
            Slot.ends_at,
            Participation.status,
            Participation.validated_at,
            Participation.created_at.label("signed_up_at"),
            Participation.ended_at,
        )
        .join(Slot, Slot.id == Participation.slot_id)
        .join(Mission, Mission.id == Slot.mission_id)
        .where(Participation.account_id == account.id)
        .order_by(Slot.starts_at, Participation.id)
    )
    signups = db.execute(
        select(
            VolunteerCampaign.title.label("campaign"),
            CampaignSignup.role,
            CampaignSignup.district,
            CampaignTeam.number.label("team"),
            CampaignSignup.charter_accepted_at,
        )
        .join(VolunteerCampaign, VolunteerCampaign.id == CampaignSignup.campaign_id)
        .outerjoin(CampaignTeam, CampaignTeam.id == CampaignSignup.team_id)
        .where(CampaignSignup.account_id == account.id)
        .order_by(CampaignSignup.created_at)
    )
    organisations = db.execute(
        select(Organisation.name.label("organisation"), OrgMember.role)
        .join(Organisation, Organisation.id == OrgMember.organisation_id)
        .where(OrgMember.account_id == account.id)
        .order_by(Organisation.name)
    )
    feed = db.get(CalendarFeed, account.id)
    return [
        export_table(
            "volunteers.participations",
            _("Volunteering: your sign-ups"),
            [
                ExportColumn("mission", _("Mission")),
                ExportColumn("starts_at", _("Starts")),
                ExportColumn("ends_at", _("Ends")),
                ExportColumn("status", _("Status"), lambda p: _(p.status.label)),
                ExportColumn("validated_at", _("Validated by the organiser")),
                ExportColumn("signed_up_at", _("Signed up")),
                ExportColumn("ended_at", _("Cancelled or declined")),
            ],
            participations,
        ),
        export_table(
            "volunteers.campaigns",
            _("Volunteering: campaigns"),
            [
                ExportColumn("campaign", _("Campaign")),
                ExportColumn("role", _("Role"), lambda s: _(s.role.label)),
                ExportColumn("district", word("district", "Name")),
                ExportColumn("team", _("Team")),
                ExportColumn("charter_accepted_at", _("Charter accepted")),
            ],
            signups,
        ),
        export_table(
            "volunteers.organisations",
            _("Volunteering: organisations you act for"),
            [
                ExportColumn("organisation", _("Organisation")),
                ExportColumn("role", _("Role"), lambda m: _(OrgRole(m.role).label)),
            ],
            organisations,
        ),
        export_table(
            "volunteers.calendar",
            _("Volunteering: your private calendar address"),
            [ExportColumn("created_at", _("Created"))],
            [feed] if feed is not None else [],
            note=_("The secret address itself is not shown here; it is on your volunteering page."),
        ),
    ]
