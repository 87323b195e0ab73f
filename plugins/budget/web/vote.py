"""Voting online: the voter's ballots, a ballot form per level, a review page, then the cast.

Everything works without JavaScript: each step is a form posting to the next. The receipt code
is shown once, on the page answering the cast, and never stored in clear.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import event

from parvis.api import (
    DB,
    VOTE,
    FormData,
    FromPath,
    FromQuery,
    Person,
    Refused,
    _,
    metrics,
    on_refusal,
    redirect,
    require_verified,
    signed_in,
    state_of,
)
from parvis.api.content_translations import translated
from parvis.plugins.budget.ballot_rules import (
    campaign_rule,
    check_ballot,
    label_text,
    read_ballot,
)
from parvis.plugins.budget.errors import AlreadyVoted, BudgetRefused
from parvis.plugins.budget.models import CITY, Campaign, PhaseKind, Scope
from parvis.plugins.budget.services.campaigns import phase_open
from parvis.plugins.budget.services.participants import (
    request_verification,
    verification_status,
    vote_refusals,
)
from parvis.plugins.budget.services.projects import ballot_keys, ballot_levels, ballot_projects
from parvis.plugins.budget.services.voting import cast_ballot, field_name, scope_of, voted_scopes
from parvis.plugins.budget.web.common import (
    Req,
    budget_context,
    campaign_or_404,
    not_found,
    render,
    site_of,
)


def _person(request: Req, db: DB) -> Person | None:
    person_id = state_of(request).actor.person_id
    return db.get(Person, person_id) if person_id is not None else None


class VoteController(Controller):
    path = "/budget/{slug:str}/vote"
    guards = [signed_in]

    @get("/")
    def overview(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return self._overview(request, db, campaign)

    def _overview(
        self, request: Req, db: DB, campaign: Campaign, *, message: str | None = None, status_code: int = 200
    ) -> Template:
        site = site_of(request)
        person = _person(request, db)
        levels = ballot_levels(db, site, campaign)
        return render(
            request,
            "budget/vote.html",
            campaign=campaign,
            open=phase_open(campaign, PhaseKind.VOTE),
            refusals=vote_refusals(db, site, person, site.today()),
            verification=site.settings("budget").verification,
            verification_status=verification_status(db, person.id) if person else None,
            voted=voted_scopes(db, campaign, person.id) if person else set(),
            has_city=CITY in levels,
            districts=[lvl for lvl in levels if lvl != CITY],
            my_district=person.district if person else None,
            message=message,
            title=_("Vote: {campaign}").format(campaign=translated(request, campaign, "title")),
            status_code=status_code,
        )

    @get("/district")
    def choose_district(
        self, request: Req, db: DB, slug: FromPath[str], district: FromQuery[str] = ""
    ) -> Redirect:
        """The no-JavaScript district chooser (a GET form) leads to that district's ballot."""
        return redirect(request, f"/budget/{slug}/vote/{district or 'none'}")

    @post("/verification", status_code=303)
    def ask_verification(self, request: Req, db: DB, slug: FromPath[str]) -> Redirect:
        campaign = campaign_or_404(db, slug)
        person = _person(request, db)
        if person is None:
            return redirect(request, "/account", _("Please complete your details first."))
        request_verification(db, person)
        return redirect(
            request, f"/budget/{campaign.slug}/vote", _("Your request is sent; an official will check it.")
        )

    def _ballot_or_refusal(
        self, request: Req, db: DB, campaign: Campaign, level: str
    ) -> list[Any] | Template:
        """The ballot's projects, or the overview page explaining why this ballot is not available."""
        site = site_of(request)
        if level not in ballot_levels(db, site, campaign):
            raise not_found()
        if not phase_open(campaign, PhaseKind.VOTE):
            return self._overview(request, db, campaign, message=_("The vote is not open."), status_code=400)
        require_verified(state_of(request), VOTE)
        person = _person(request, db)
        refusals = vote_refusals(db, site, person, site.today())
        if refusals:
            return self._overview(request, db, campaign, status_code=403)
        if person and scope_of(level) in voted_scopes(db, campaign, person.id):
            return self._already_voted(request, campaign, level)
        return ballot_projects(db, campaign, level)

    def _already_voted(self, request: Req, campaign: Campaign, level: str) -> Template:
        return render(
            request,
            "budget/already_voted.html",
            campaign=campaign,
            scope=scope_of(level),
            title=_("You have already voted"),
            status_code=409,
        )

    def _form_context(
        self,
        request: Req,
        campaign: Campaign,
        level: str,
        projects: list[Any],
        *,
        grades: list[int | None],
        errors: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        rule = campaign_rule(site_of(request), campaign)
        return {
            "campaign": campaign,
            "level": level,
            "kind": rule.ballot.kind,
            "rule": rule,
            "field_template": _field_template(rule),
            "instructions": label_text(site_of(request), rule.ballot.instructions),
            "rows": [(p, field_name(p), g) for p, g in zip(projects, grades, strict=True)],
            "errors": errors or {},
            "title": _("Your ballot: {ballot}").format(ballot=_level(request, level)),
        }

    def _form(
        self,
        request: Req,
        campaign: Campaign,
        level: str,
        projects: list[Any],
        *,
        grades: list[int | None],
        errors: dict[str, str] | None = None,
        status_code: int = 200,
    ) -> Template:
        context = self._form_context(request, campaign, level, projects, grades=grades, errors=errors)
        return render(request, "budget/ballot.html", status_code=status_code, **context)

    def _check(
        self, request: Req, campaign: Campaign, level: str, projects: list[Any], grades: list[int | None]
    ) -> None:
        """The rule's and plugins' ballot checks; a refusal shows the ballot again, choices kept."""
        site = site_of(request)
        context = self._form_context(request, campaign, level, projects, grades=grades)
        on_refusal(request, "budget/ballot.html", status_code=400, **budget_context(request, **context))
        check_ballot(site, campaign, campaign_rule(site, campaign), level, projects, grades)

    @get("/{level:str}")
    def ballot(self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        found = self._ballot_or_refusal(request, db, campaign, level)
        if isinstance(found, Template):
            return found
        return self._form(request, campaign, level, found, grades=[None] * len(found))

    @post("/{level:str}/edit", status_code=200)
    def edit(
        self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str], data: FormData
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        found = self._ballot_or_refusal(request, db, campaign, level)
        if isinstance(found, Template):
            return found
        grades, _errors = read_ballot(campaign_rule(site_of(request), campaign), data, found)
        return self._form(request, campaign, level, found, grades=grades)

    @post("/{level:str}/review", status_code=200)
    def review(
        self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str], data: FormData
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        found = self._ballot_or_refusal(request, db, campaign, level)
        if isinstance(found, Template):
            return found
        rule = campaign_rule(site_of(request), campaign)
        grades, errors = read_ballot(rule, data, found)
        if errors:
            return self._form(request, campaign, level, found, grades=grades, errors=errors, status_code=400)
        self._check(request, campaign, level, found, grades)
        return render(
            request,
            "budget/review.html",
            campaign=campaign,
            level=level,
            kind=rule.ballot.kind,
            blank=rule.ballot.blank,
            rows=[(p, field_name(p), g) for p, g in zip(found, grades, strict=True)],
            blanks=sum(1 for g in grades if g is None),
            title=_("Check your ballot: {ballot}").format(ballot=_level(request, level)),
        )

    @post("/{level:str}/cast", status_code=200)
    def cast(
        self, request: Req, db: DB, slug: FromPath[str], level: FromPath[str], data: FormData
    ) -> Template:
        campaign = campaign_or_404(db, slug, for_casting=True)
        require_verified(state_of(request), VOTE)
        site = site_of(request)
        projects = ballot_keys(db, campaign, level)
        if not projects:
            raise not_found()
        rule = campaign_rule(site, campaign)
        grades, errors = read_ballot(rule, data, projects)
        if errors:
            full = ballot_projects(db, campaign, level)
            return self._form(request, campaign, level, full, grades=grades, errors=errors, status_code=400)

        def refused(refusal: Refused | None) -> Template:
            if isinstance(refusal, AlreadyVoted):
                return self._already_voted(request, campaign, level)
            if isinstance(refusal, BudgetRefused):  # the vote closed, the voter not eligible...
                return self._overview(request, db, campaign, message=refusal.message, status_code=400)
            # The rule's or a plugin's ballot check, at the last step (a form sent without its
            # review): the ballot again, choices kept.
            context = self._form_context(
                request, campaign, level, ballot_projects(db, campaign, level), grades=grades
            )
            return render(request, "budget/ballot.html", error=refusal and refusal.message, **context)

        on_refusal(request, refused, status_code=400)
        check_ballot(site, campaign, rule, level, projects, grades)  # before the voter's eligibility
        code = cast_ballot(db, site, campaign, _person(request, db), level, grades=grades, projects=projects)
        # Counted once stored: the unit of work commits after this handler returns.
        event.listen(db, "after_commit", lambda _session: metrics.ballot_cast("budget"), once=True)
        return render(
            request,
            "budget/receipt_issued.html",
            campaign=campaign,
            level=level,
            code=code,
            other=Scope.DISTRICT if level == CITY else Scope.CITY,
            title=_("Thank you for voting"),
        )


#: The built-in fragments drawing one project's input, by ballot kind.
FIELD_TEMPLATES = {"grades": "budget/fields/grades.html", "approval": "budget/fields/approval.html"}


def _field_template(rule: Any) -> str:
    """The fragment of the rule's ballot kind: its own, a built-in one, or a number field."""
    return rule.ballot.form or FIELD_TEMPLATES.get(rule.ballot.kind, "budget/fields/number.html")


def _level(request: Req, level: str) -> str:
    from parvis.plugins.budget.services.campaigns import level_label

    return level_label(site_of(request), level)
