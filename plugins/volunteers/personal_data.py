"""The volunteers' personal data for the core privacy hooks.

Places taken stay consistent: a slot's ``taken`` counts its confirmed participations, so erasure
cancels the sign-ups for dates to come through ``signup.cancel`` (the place goes to the first on
the waiting list, who is told) and keeps past confirmed participations without the volunteer
(``account_id`` NULL), as the purge does once ``participations_kept_months`` have passed. Open
reports of a mission are withdrawn with the mission's count of reports.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    Account,
    ExportSection,
    Kept,
    LegalBasis,
    Person,
    PersonalData,
    Retention,
    _,
    lazy_gettext,
    section,
    word,
)
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import (
    CalendarFeed,
    CampaignSignup,
    CampaignTeam,
    Mission,
    Notice,
    NoticeKind,
    Organisation,
    OrgMember,
    OrgRole,
    Participation,
    ParticipationStatus,
    Report,
    Slot,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.themes import ROLE_LABELS

if TYPE_CHECKING:
    from parvis.api import Site

SERVICE = lazy_gettext("Volunteering")
PARTICIPATION_LABELS = {
    ParticipationStatus.CONFIRMED: N_("Confirmed"),
    ParticipationStatus.WAITLISTED: N_("On the waiting list"),
    ParticipationStatus.CANCELLED: N_("Cancelled by you"),
    ParticipationStatus.DECLINED: N_("Declined by the organiser"),
}
NOTICE_LABELS = {
    NoticeKind.PROMOTED: N_("A place freed up for you"),
    NoticeKind.DECLINED: N_("Participation declined"),
    NoticeKind.CANCELLED: N_("Mission cancelled"),
    NoticeKind.VALIDATED: N_("Participation validated"),
    NoticeKind.PUBLISHED: N_("Mission published"),
    NoticeKind.RETURNED: N_("Mission sent back to draft"),
}
ORG_ROLE_LABELS = {OrgRole.ADMIN: N_("Manages the organisation"), OrgRole.MEMBER: N_("Proposes missions")}


def _months(n: int) -> timedelta:
    return timedelta(days=round(30.44 * n))


def declarations(site: Site) -> list[PersonalData]:
    settings = site.settings("volunteers")
    organisers = lazy_gettext("The organisation running the mission, and the City's officials")
    return [
        PersonalData(
            code="volunteers.participations",
            service=SERVICE,
            title=lazy_gettext("Sign-ups for missions and events"),
            categories=(
                lazy_gettext("the dates you signed up for, confirmed or on the waiting list, cancellations"),
                lazy_gettext("the organiser's validation"),
            ),
            purpose=lazy_gettext(
                "To give out places fairly, remind you the day before and let organisers plan."
            ),
            legal_basis=LegalBasis.CONSENT,
            retention=Retention(
                N_("the date of the mission"),
                months=settings.participations_kept_months,
                detail=lazy_gettext("Afterwards the participation is counted without your name."),
            ),
            recipients=(organisers,),
            tables=("volunteers_participation",),
            order=60,
        ),
        PersonalData(
            code="volunteers.campaigns",
            service=SERVICE,
            title=lazy_gettext("Sign-ups for campaigns"),
            categories=(
                lazy_gettext("your role, {site.district} and team, and when you accepted the charter"),
            ),
            purpose=lazy_gettext("To form the teams of a campaign (the Night of Solidarity)."),
            legal_basis=LegalBasis.CONSENT,
            retention=Retention(N_("the end of the campaign"), months=settings.campaign_signups_kept_months),
            recipients=(lazy_gettext("The City's officials running the campaign, and your team leader"),),
            tables=("volunteers_campaign_signup",),
            order=61,
        ),
        PersonalData(
            code="volunteers.organisations",
            service=SERVICE,
            title=lazy_gettext("Acting for an organisation"),
            categories=(lazy_gettext("the organisations you act for, and your role in them"),),
            purpose=lazy_gettext("To let organisations propose and run missions."),
            legal_basis=LegalBasis.CONSENT,
            retention=Retention(N_("you leave the organisation or delete your account")),
            recipients=(lazy_gettext("The organisation's other members, and the City's officials"),),
            tables=("volunteers_org_member",),
            order=62,
        ),
        PersonalData(
            code="volunteers.notices",
            service=SERVICE,
            title=lazy_gettext("Notices, calendar and reports"),
            categories=(
                lazy_gettext("the notices shown on your page"),
                lazy_gettext("the secret address of your private calendar"),
                lazy_gettext("the missions you reported to the City, and why"),
            ),
            purpose=lazy_gettext("To keep you informed, and to let the City check the missions reported."),
            legal_basis=LegalBasis.CONSENT,
            retention=Retention(
                N_("the notice or the report's handling"),
                days=settings.notices_kept_days,
                detail=lazy_gettext(
                    "The calendar address lasts until you replace it or delete your account."
                ),
            ),
            recipients=(lazy_gettext("The City's officials (reports)"),),
            tables=("volunteers_notice", "volunteers_calendar_feed", "volunteers_report"),
            order=63,
        ),
        PersonalData(
            code="volunteers.officials",
            service=lazy_gettext("Officials' work"),
            title=lazy_gettext("Names on missions"),
            categories=(lazy_gettext("which account created a mission, and which official validated it"),),
            purpose=lazy_gettext("To know who proposed and who validated each mission."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the account is deleted")),
            recipients=(lazy_gettext("The City's officials and administrators who run the site"),),
            tables=("volunteers_mission",),
            order=99,
        ),
    ]


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
    notices = db.execute(
        select(Notice, Mission.title)
        .outerjoin(Mission, Mission.id == Notice.mission_id)
        .where(Notice.account_id == account.id)
        .order_by(Notice.created_at)
    )
    reports = db.execute(
        select(Report, Mission.title)
        .join(Mission, Mission.id == Report.mission_id)
        .where(Report.account_id == account.id)
        .order_by(Report.created_at)
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
                    "status": _(PARTICIPATION_LABELS[p.status]),
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
                    "role": _(ROLE_LABELS[s.role]),
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
            (
                {"organisation": name, "role": _(ORG_ROLE_LABELS[OrgRole(role)])}
                for role, name in organisations
            ),
        ),
        section(
            "volunteers.notices",
            _("Volunteering: notices"),
            [
                ("created_at", _("When")),
                ("kind", _("What")),
                ("mission", _("Mission")),
                ("read_at", _("Read")),
            ],
            (
                {
                    "created_at": n.created_at,
                    "kind": _(NOTICE_LABELS[n.kind]),
                    "mission": title,
                    "read_at": n.read_at,
                }
                for n, title in notices
            ),
        ),
        section(
            "volunteers.reports",
            _("Volunteering: missions you reported"),
            [
                ("mission", _("Mission")),
                ("reason", _("Why")),
                ("created_at", _("When")),
                ("resolved_at", _("Handled")),
            ],
            (
                {
                    "mission": title,
                    "reason": r.reason,
                    "created_at": r.created_at,
                    "resolved_at": r.resolved_at,
                }
                for r, title in reports
            ),
        ),
        section(
            "volunteers.calendar",
            _("Volunteering: your private calendar address"),
            [("created_at", _("Created"))],
            [{"created_at": feed.created_at}] if feed is not None else [],
            note=_("The secret address itself is not shown here; it is on your volunteering page."),
        ),
    ]


def _past_confirmed(account: Account, now: datetime) -> Any:
    return (
        select(func.count())
        .select_from(Participation)
        .join(Slot, Slot.id == Participation.slot_id)
        .where(
            Participation.account_id == account.id,
            Participation.status == ParticipationStatus.CONFIRMED,
            Slot.ends_at <= now,
        )
    )


def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    if account is None or not db.scalar(_past_confirmed(account, site.now())):
        return []
    return [
        Kept(
            what=_("Your past participations in missions, without your name"),
            why=_("The missions' numbers of volunteers stay right."),
        )
    ]


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
    past_confirmed = select(Slot.id).where(Slot.ends_at <= now)
    db.execute(
        update(Participation)
        .where(
            Participation.account_id == account.id,
            Participation.status == ParticipationStatus.CONFIRMED,
            Participation.slot_id.in_(past_confirmed),
        )
        .values(account_id=None)
        .execution_options(synchronize_session=False)
    )
    for model in (Participation, CampaignSignup, OrgMember, Notice, CalendarFeed):
        db.execute(
            delete(model).where(model.account_id == account.id).execution_options(synchronize_session=False)
        )
    for report in db.scalars(select(Report).where(Report.account_id == account.id)).all():
        if report.resolved_at is None:
            db.execute(
                update(Mission)
                .where(Mission.id == report.mission_id, Mission.report_count > 0)
                .values(report_count=Mission.report_count - 1)
                .execution_options(synchronize_session=False)
            )
        db.delete(report)
    db.flush()
    return found


def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    settings = site.settings("volunteers")
    old_slots = select(Slot.id).where(Slot.ends_at < now - _months(settings.participations_kept_months))
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
        VolunteerCampaign.ends_at < now - _months(settings.campaign_signups_kept_months)
    )
    signups = db.execute(
        delete(CampaignSignup)
        .where(CampaignSignup.campaign_id.in_(old_campaigns))
        .execution_options(synchronize_session=False)
    )
    cutoff = now - timedelta(days=settings.notices_kept_days)
    notices = db.execute(delete(Notice).where(Notice.created_at < cutoff))
    reports = db.execute(delete(Report).where(Report.resolved_at.is_not(None), Report.resolved_at < cutoff))
    return {
        "volunteers.participations": int(getattr(anonymised, "rowcount", 0) or 0)
        + int(getattr(dropped, "rowcount", 0) or 0),
        "volunteers.campaign_signups": int(getattr(signups, "rowcount", 0) or 0),
        "volunteers.notices": int(getattr(notices, "rowcount", 0) or 0),
        "volunteers.reports": int(getattr(reports, "rowcount", 0) or 0),
    }
