"""What the volunteering service holds about people, why and for how long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.api import (
    N_,
    DataService,
    LegalBasis,
    PersonalData,
    Retention,
    hookimpl,
    lazy_gettext,
    officials_work,
)

if TYPE_CHECKING:
    from parvis.api import Site


VOLUNTEERING = DataService(lazy_gettext("Volunteering"), legal_basis=LegalBasis.CONSENT)


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    settings = site.settings("volunteers")
    organisers = lazy_gettext("The organisation running the mission, and the City's officials")
    return [
        VOLUNTEERING.holds(
            code="volunteers.participations",
            title=lazy_gettext("Sign-ups for missions and events"),
            categories=(
                lazy_gettext("the dates you signed up for, confirmed or on the waiting list, cancellations"),
                lazy_gettext("the organiser's validation"),
            ),
            purpose=lazy_gettext(
                "To give out places fairly, remind you the day before and let organisers plan."
            ),
            retention=Retention(
                N_("the date of the mission"),
                months=settings.participations_kept_months,
                detail=lazy_gettext("Afterwards the participation is counted without your name."),
            ),
            recipients=(organisers,),
            tables=("volunteers_participation",),
            order=60,
        ),
        VOLUNTEERING.holds(
            code="volunteers.campaigns",
            title=lazy_gettext("Sign-ups for campaigns"),
            categories=(
                lazy_gettext("your role, {site.district} and team, and when you accepted the charter"),
            ),
            purpose=lazy_gettext("To form the teams of a campaign (the Night of Solidarity)."),
            retention=Retention(N_("the end of the campaign"), months=settings.campaign_signups_kept_months),
            recipients=(lazy_gettext("The City's officials running the campaign, and your team leader"),),
            tables=("volunteers_campaign_signup",),
            order=61,
        ),
        VOLUNTEERING.holds(
            code="volunteers.organisations",
            title=lazy_gettext("Acting for an organisation"),
            categories=(lazy_gettext("the organisations you act for, and your role in them"),),
            purpose=lazy_gettext("To let organisations propose and run missions."),
            retention=Retention(N_("you leave the organisation or delete your account")),
            recipients=(lazy_gettext("The organisation's other members, and the City's officials"),),
            tables=("volunteers_org_member",),
            order=62,
        ),
        VOLUNTEERING.holds(
            code="volunteers.calendar",
            title=lazy_gettext("Private calendar"),
            categories=(lazy_gettext("the secret address of your private calendar"),),
            purpose=lazy_gettext("To show your missions in your own calendar application."),
            retention=Retention(N_("you replace it or delete your account")),
            recipients=(lazy_gettext("Only you (and the site's administrators)"),),
            tables=("volunteers_calendar_feed",),
            order=63,
        ),
        officials_work(
            code="volunteers.officials",
            title=lazy_gettext("Names on missions"),
            categories=(lazy_gettext("which account created a mission, and which official validated it"),),
            purpose=lazy_gettext("To know who proposed and who validated each mission."),
            retention=Retention(N_("the account is deleted")),
            tables=("volunteers_mission",),
            order=99,
        ),
    ]
