"""The Youth Council as a core ``Council``: gender parity in the application and in the draw,
and the two-year mandates of ``renewal``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from parvis.api import Gender, Person, Site, _, councils, lazy_gettext
from parvis.api.bodies import Body
from parvis.api.councils import Call, Council, current_call
from parvis.plugins.youth_council import renewal
from parvis.plugins.youth_council.settings import YouthCouncilSettings

KIND = "youth_council"
# The parity colleges: their codes, and the gender each one seats.
COLLEGES = {"women": Gender.WOMAN, "men": Gender.MAN}


class YouthCouncil(Council[YouthCouncilSettings]):
    kind = KIND
    settings_type = YouthCouncilSettings
    title = lazy_gettext("Youth Council")
    summary = lazy_gettext("Young people drawn by lot, as many women as men, give their views to the City.")

    def home_context(self, db: Session, site: Site, body: Body) -> dict[str, Any]:
        """The seats of each college drawn at the open call, if there is one."""
        call = current_call(db, body, site.today())
        return {"plan": renewal.renewal(db, self.settings(site), body, call.term) if call else []}

    def extra_failures(
        self, db: Session, site: Site, body: Body, person: Person, details: Mapping[str, Any]
    ) -> list[str]:
        if person.gender not in COLLEGES.values():
            return [_("The draw seats as many women as men: choose one of the two to take part in it.")]
        return []

    def draw_plan(self, db: Session, site: Site, call: Call) -> list[tuple[str, int]]:
        plan = renewal.renewal(db, self.settings(site), call.body, call.term)
        return [(p.college.name, p.up) for p in plan]

    def draw(self, request: councils.DrawRequest) -> councils.DrawOutcome:
        """Carry over the members whose mandate runs on, then draw each college's free seats."""
        db, site, call = request.db, request.site, request.call
        body, term = call.body, call.term
        colleges = {code: councils.college(body, code) for code in COLLEGES}  # refused if one is missing
        plan = {p.college.id: p for p in renewal.renewal(db, self.settings(site), body, term)}
        renewal.carry_over(db, site, body, term)
        group = {COLLEGES[code].value: code for code in COLLEGES}  # "woman" -> "women"
        pool = [a for a in request.pool if a.person.gender and a.person.gender.value in group]
        applied = Counter(group[a.person.gender.value] for a in pool)  # type: ignore[union-attr]
        result = councils.draw_by_group(
            call,
            pool,
            column="gender",
            group_of=lambda a: group[a.person.gender.value],  # type: ignore[union-attr]
            seats={code: min(plan[c.id].up, applied[code]) for code, c in colleges.items()},
            public_inputs=request.public_inputs,
        )
        full_end = renewal.mandate_end(term.starts_on, self.settings(site).mandate_years)
        seats = []
        for code, drawn in result.drawn.items():
            part = plan[colleges[code].id]
            short = set(renewal.short_mandates(result.record.seed, code, len(drawn), part.short))
            for rank, application in enumerate(drawn):
                ends_on = term.ends_on if rank in short else full_end
                seats.append(councils.Seat(application, part.college, ends_on))
        return councils.DrawOutcome(seats, result)
