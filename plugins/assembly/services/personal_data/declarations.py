"""What the Assembly holds about people, why and for how long (the privacy page is built from it)."""

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
from parvis.plugins.assembly.services.common import settings_of

if TYPE_CHECKING:
    from parvis.api import Site


ASSEMBLY = DataService(lazy_gettext("Citizens' Assembly"))


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    settings = settings_of(site)
    officials = lazy_gettext("The officials running the Assembly; every consultation is logged")
    return [
        ASSEMBLY.holds(
            code="assembly.recruitment",
            title=lazy_gettext("Letters and answers to the recruitment questionnaire"),
            categories=(
                lazy_gettext("name, date of birth and postal address of the residents drawn from the roll"),
                lazy_gettext("a hash of the response code sent by letter"),
                lazy_gettext(
                    "answers: age band, gender, level of education, {site.district}, {site.neighbourhood}, "
                    "availability, contact"
                ),
            ),
            source=lazy_gettext("The electoral roll, or the list of Citizen Card holders, for the letters"),
            purpose=lazy_gettext(
                "To draw the members by lot so that the Assembly resembles the city, and to contact the "
                "people drawn."
            ),
            retention=Retention(
                N_("the draw"),
                days=settings.reserve_days,
                detail=lazy_gettext(
                    "The answers of people not drawn are deleted once the draw is published; the reserve's "
                    "are kept to fill seats that become vacant; those of the members drawn until "
                    "{months} months after the end of their promotion."
                ).format(months=settings.members_data_months),
            ),
            recipients=(officials, lazy_gettext("The public sees only counts and a pseudonymous pool")),
            tables=("assembly_invitee", "assembly_response"),
            order=30,
        ),
        ASSEMBLY.holds(
            code="assembly.applications",
            title=lazy_gettext("Applications of residents from outside the EU"),
            categories=(
                lazy_gettext(
                    "date of birth, nationality, gender, {site.district}, {site.neighbourhood}, availability"
                ),
                lazy_gettext("motivation, and whether the application met the conditions"),
            ),
            purpose=lazy_gettext("To draw by lot the Assembly's members from outside the European Union."),
            retention=Retention(N_("the draw"), days=settings.reserve_days),
            recipients=(officials,),
            tables=("assembly_application",),
            order=31,
        ),
        ASSEMBLY.holds(
            code="assembly.members",
            title=lazy_gettext("Members' life in the Assembly"),
            categories=(
                lazy_gettext("your seat (college, pseudonym in the draw) and the answers that got you drawn"),
                lazy_gettext("workshops you joined, your profile for the other members"),
                lazy_gettext("topics you proposed and your vote on the workshop topics"),
                lazy_gettext("training sessions you enrolled in"),
            ),
            purpose=lazy_gettext("To run the Assembly's work with its members."),
            retention=Retention(N_("the end of the promotion"), months=settings.members_data_months),
            recipients=(lazy_gettext("The other members of your promotion and the officials running it"),),
            tables=(
                "assembly_group_member",
                "assembly_profile",
                "assembly_topic",
                "assembly_topic_vote",
                "assembly_enrolment",
            ),
            order=32,
        ),
        ASSEMBLY.holds(
            code="assembly.pay",
            title=lazy_gettext("Compensation of members"),
            categories=(lazy_gettext("half-days of attendance and the amounts paid, per period"),),
            purpose=lazy_gettext("To compensate members for their attendance."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("the payment"), years=settings.pay_records_years),
            recipients=(lazy_gettext("The City's finance department"),),
            tables=("assembly_payment_line",),
            order=33,
        ),
        officials_work(
            code="assembly.officials",
            title=lazy_gettext("Officials' names on the Assembly's work"),
            categories=(
                lazy_gettext(
                    "which account created a promotion or a rate, imported a list, ran a draw, "
                    "exported payments"
                ),
            ),
            purpose=lazy_gettext("To know who did what in the back office."),
            tables=(
                "assembly_promotion",
                "assembly_rate",
                "assembly_import",
                "assembly_draw",
                "assembly_payment_batch",
            ),
            order=97,
        ),
    ]
