"""The Council of Europeans as a core ``Council``: nationality and the declared link with the
city in the application, an official's check, and seats proportional to each nationality."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import Field, NationalityGroup, Person, Site, _, bodies, councils, lazy_gettext
from parvis.api.bodies import Body
from parvis.api.councils import Call, Council
from parvis.plugins.europeans_council import nationalities
from parvis.plugins.europeans_council.settings import EuropeansCouncilSettings

KIND = "europeans_council"
COLLEGE = "europeans"


class EuropeansCouncil(Council[EuropeansCouncilSettings]):
    kind = KIND
    settings_type = EuropeansCouncilSettings
    title = lazy_gettext("Council of Europeans")
    summary = lazy_gettext("Europeans who live, work or study {site.city:in}, drawn by lot, advise the City.")
    order = 32

    def home_context(self, db: Session, site: Site, body: Body) -> dict[str, Any]:
        """The members of the current term by nationality, the most represented first."""
        term = bodies.default_term(db, body, site.today())
        held = bodies.members(db, body, term, statuses=bodies.SEAT_HOLDING) if term else []
        counted = Counter(nationalities.country_name(m.person.nationality or "") for m in held)
        return {"nationalities": counted.most_common()}

    def application_fields(self, site: Site) -> Sequence[Field]:
        codes = self.settings(site).nationalities
        return (
            Field(
                "nationality",
                lazy_gettext("Citizenship of an EU member state"),
                kind="select",
                choices=lambda: nationalities.choices(codes),
            ),
            Field(
                "link",
                lazy_gettext("Your link with the city"),
                kind="radio",
                choices=nationalities.link_choices,
            ),
            Field(
                "link_details",
                lazy_gettext("Where?"),
                max_length=300,
                help=lazy_gettext("Your address, employer or school. An official checks it before the draw."),
            ),
        )

    def application_details(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {key: values.get(key) for key in ("nationality", "link", "link_details")}

    def update_person(self, person: Person, values: Mapping[str, Any]) -> None:
        """Record the citizenship the applicant gives, unless their profile already says they
        are French or from outside the EU: the form never overrides the profile (the
        eligibility check then refuses, and the applicant corrects their profile if it is wrong)."""
        if person.nationality_group not in (None, NationalityGroup.OTHER_EU):
            return
        person.nationality = values.get("nationality")
        person.nationality_group = NationalityGroup.OTHER_EU

    def describe_details(self, details: Mapping[str, Any]) -> list[tuple[str, str]]:
        link = nationalities.LINKS.get(details.get("link") or "")
        return [
            (_("Nationality"), nationalities.country_name(details.get("nationality") or "")),
            (_("Link with the city"), _(link) if link else "—"),
            (_("Where?"), details.get("link_details") or "—"),
        ]

    def extra_failures(
        self, db: Session, site: Site, body: Body, person: Person, details: Mapping[str, Any]
    ) -> list[str]:
        if person.nationality_group == NationalityGroup.FRENCH:
            return [
                _(
                    "Your profile says you are a French citizen: the council is open to citizens of "
                    "the other member states of the European Union. If your profile is wrong, "
                    "correct it in your account."
                )
            ]
        if details.get("nationality") not in self.settings(site).nationalities:
            return [_("The council is open to citizens of the other member states of the European Union.")]
        return []

    def draw_plan(self, db: Session, site: Site, call: Call) -> list[tuple[str, int]]:
        college = councils.college(call.body, COLLEGE)
        free = college.seats - bodies.seats_taken(db, college, call.term)
        return [(_("Seats shared among the nationalities in proportion to the applications"), free)]

    def draw(self, request: councils.DrawRequest) -> councils.DrawOutcome:
        """Share the free seats among the nationalities in proportion to the applications."""
        call = request.call
        college = councils.college(call.body, COLLEGE)
        free = college.seats - bodies.seats_taken(request.db, college, call.term)
        result = councils.draw_by_group(
            call,
            request.pool,
            column="nationality",
            group_of=lambda a: a.details.get("nationality") or "",
            total=min(free, len(request.pool)),
            public_inputs=request.public_inputs,
        )
        seats = [councils.Seat(a, college) for drawn in result.drawn.values() for a in drawn]
        return councils.DrawOutcome(seats, result)
