"""Back office: campaigns, their phases, money (envelopes, Qpop), rule, and the publication of results."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import func, select

from parvis.api import (
    DB,
    N_,
    BoundForm,
    Field,
    Form,
    FormData,
    FromPath,
    Refused,
    _,
    allowed,
    audit,
    can,
    lazy_gettext,
    local,
    official,
    on_refusal,
    redirect,
    state_of,
)
from parvis.plugins.budget import permissions
from parvis.plugins.budget.ballot_rules import available_rules
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import Idea, IdeaStatus, PhaseKind, Project
from parvis.plugins.budget.services import campaigns as service
from parvis.plugins.budget.services import paper, results
from parvis.plugins.budget.services.voting import online_voters
from parvis.plugins.budget.web.common import (
    LazyFormat,
    Req,
    campaign_or_404,
    day_start,
    last_day,
    render,
    site_of,
)

RESERVED_SLUGS = {"campaigns", "receipt", "photos", "new", "verifications"}
REQUIRED_PHASES = {PhaseKind.IDEAS, PhaseKind.VOTE}


def _phase_fields() -> list[Field]:
    fields = []
    for kind in PhaseKind:
        required = kind in REQUIRED_PHASES
        label = kind.label
        fields.append(
            Field(
                f"{kind.value}_starts",
                LazyFormat(N_("{phase}: first day"), phase=label),
                kind="date",
                required=required,
            )
        )
        fields.append(
            Field(
                f"{kind.value}_ends",
                LazyFormat(N_("{phase}: last day"), phase=label),
                kind="date",
                required=required,
            )
        )
    return fields


PHASES = Form(*_phase_fields())
NEW_CAMPAIGN = Form(
    Field("title", lazy_gettext("Title"), max_length=200),
    Field(
        "slug",
        lazy_gettext("Short name in addresses"),
        max_length=40,
        help=lazy_gettext("Letters, digits and dashes, for example 2026."),
    ),
    Field("year", lazy_gettext("Year"), kind="integer", min=2000, max=2200),
    Field("total", lazy_gettext("Total amount"), kind="money", min=0),
    Field("description", lazy_gettext("Presentation"), kind="textarea", required=False, max_length=5000),
).extend(*PHASES.fields)
MONEY = Form(
    Field("total", lazy_gettext("Total amount"), kind="money", min=0),
    Field("citywide", lazy_gettext("Envelope for {site.whole_city}"), kind="money", min=0),
    Field(
        "qpop_mode",
        lazy_gettext("Working-class neighbourhoods (Qpop)"),
        kind="radio",
        choices=lambda: [
            ("minimum", _("A minimum share of each envelope")),
            ("bonus", _("A bonus only Qpop projects may use")),
            ("none", _("No special rule")),
        ],
    ),
    Field("qpop_percent", lazy_gettext("Share or bonus, in percent"), kind="integer", min=0, max=100),
)
ENVELOPE = Form(
    Field("amount", lazy_gettext("Envelope"), kind="money", min=0),
    Field("qpop_minimum", lazy_gettext("Qpop minimum"), kind="money", min=0),
    Field("qpop_bonus", lazy_gettext("Qpop bonus"), kind="money", min=0),
)


def phase_values(form: BoundForm) -> dict[PhaseKind, tuple[Any, Any]]:
    """Dates from the form as UTC times: from the first day's midnight to the midnight after the last."""
    found = {}
    for kind in PhaseKind:
        starts, ends = form.values.get(f"{kind.value}_starts"), form.values.get(f"{kind.value}_ends")
        if starts and ends:
            found[kind] = (day_start(starts), day_start(ends + timedelta(days=1)))
        elif starts or ends:
            form.add_error(
                f"{kind.value}_ends" if starts else f"{kind.value}_starts", _("Give both days, or neither.")
            )
    return found


def phase_initial(campaign: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for phase in campaign.phases:
        initial[f"{phase.kind.value}_starts"] = local(phase.starts_at).date()
        initial[f"{phase.kind.value}_ends"] = last_day(phase)
    return initial


class CampaignAdminController(Controller):
    path = "/admin/budget"

    @get("/", guards=[official])
    def index(self, request: Req, db: DB) -> Template:
        return render(
            request,
            "budget/admin/index.html",
            campaigns=service.all_campaigns(db),
            may_manage=allowed(state_of(request), permissions.MANAGE),
            title=_("Participatory budget: campaigns"),
        )

    @get("/new", guards=[can(permissions.MANAGE)])
    def new(self, request: Req) -> Template:
        return self._new_page(request, NEW_CAMPAIGN.bind())

    def _new_page(self, request: Req, form: BoundForm, status_code: int = 200) -> Template:
        return render(
            request,
            "budget/admin/campaign_form.html",
            form=form,
            title=_("New campaign"),
            status_code=status_code,
        )

    @post("/new", guards=[can(permissions.MANAGE)], status_code=303)
    def create(self, request: Req, db: DB, data: FormData) -> Template | Redirect:
        form = NEW_CAMPAIGN.bind(data)
        slug = (form.values.get("slug") or "").strip().lower()
        if form.values.get("slug") and (
            not all(c.isalnum() or c == "-" for c in slug) or slug in RESERVED_SLUGS
        ):
            form.add_error("slug", _("Use letters, digits and dashes only (not a reserved word)."))
        phases = phase_values(form)
        on_refusal(
            request,
            lambda _shown: self._new_page(request, form),
            form=form,
            fallback_field="title",
            status_code=400,
        )
        values = form.require_valid()
        campaign = service.create_campaign(
            db,
            site_of(request),
            slug=slug,
            year=values["year"],
            title=values["title"],
            description=values["description"] or "",
            total=values["total"],
            phases=phases,
            actor=state_of(request).actor,
        )
        return redirect(request, f"/admin/budget/{campaign.slug}", _("The campaign is created."))

    @get("/{slug:str}", guards=[official])
    def dashboard(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return self._dashboard(request, db, campaign)

    def _dashboard(
        self, request: Req, db: DB, campaign: Any, *, message: str | None = None, status_code: int = 200
    ) -> Template:
        state = state_of(request)
        idea_counts = dict(
            db.execute(
                select(Idea.status, func.count()).where(Idea.campaign_id == campaign.id).group_by(Idea.status)
            ).all()
        )
        project_count = db.scalar(select(func.count()).where(Project.campaign_id == campaign.id)) or 0
        return render(
            request,
            "budget/admin/campaign.html",
            campaign=campaign,
            idea_counts={IdeaStatus(k): v for k, v in idea_counts.items()},
            project_count=project_count,
            voters=online_voters(db, campaign),
            frozen=service.has_ballots(db, campaign.id),
            vote_closed=service.vote_closed(campaign),
            unresolved=paper.unresolved_boxes(db, campaign) if service.vote_closed(campaign) else [],
            rules=sorted(available_rules(site_of(request))),
            may={
                code: allowed(state, code)
                for code in (
                    permissions.MANAGE,
                    permissions.REVIEW,
                    permissions.PROJECTS,
                    permissions.PAPER,
                    permissions.PUBLISH,
                    permissions.VERIFY,
                    permissions.REALISATION,
                )
            },
            money_form=MONEY.bind(
                initial={
                    "total": campaign.total_amount,
                    "citywide": campaign.citywide_amount,
                    "qpop_mode": campaign.qpop_mode,
                    "qpop_percent": campaign.qpop_percent,
                }
            ),
            message=message,
            title=campaign.title,
            status_code=status_code,
        )

    def _on_refusal(self, request: Req, db: DB, campaign: Any, form: BoundForm | None = None) -> None:
        """A refused change shows the dashboard again, with the refusal (or the form's errors) on top."""

        def refused(refusal: Refused | None) -> Template:
            message: str | None
            if form is not None and form.errors:
                message = "; ".join(f"{label}: {text}" for _id, label, text in form.error_list())
            else:
                message = refusal.message if refusal else None
            return self._dashboard(request, db, campaign, message=message)

        on_refusal(request, refused, status_code=400)

    @get("/{slug:str}/phases", guards=[can(permissions.MANAGE)])
    def phases_form(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        form = PHASES.bind(initial=phase_initial(campaign))
        return render(request, "budget/admin/phases.html", campaign=campaign, form=form, title=_("Phases"))

    @post("/{slug:str}/phases", guards=[can(permissions.MANAGE)], status_code=303)
    def phases_save(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        form = PHASES.bind(data)
        phases = phase_values(form)
        on_refusal(
            request,
            lambda _shown: render(
                request, "budget/admin/phases.html", campaign=campaign, form=form, title=_("Phases")
            ),
            form=form,
            fallback_field="vote_starts",
            status_code=400,
        )
        form.require_valid()
        service.set_phases(db, campaign, phases)
        audit.record_request(request, "budget.phases.update", target=campaign)
        return redirect(request, f"/admin/budget/{campaign.slug}", _("The phases are saved."))

    @post("/{slug:str}/money", guards=[can(permissions.MANAGE)], status_code=303)
    def money(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        form = MONEY.bind(data)
        self._on_refusal(request, db, campaign, form)
        values = form.require_valid()
        service.update_money(
            db,
            site_of(request),
            campaign,
            total=values["total"],
            citywide=values["citywide"],
            qpop_mode=values["qpop_mode"],
            qpop_percent=values["qpop_percent"],
        )
        return redirect(request, f"/admin/budget/{campaign.slug}", _("The envelopes are recomputed."))

    @post("/{slug:str}/envelopes", guards=[can(permissions.MANAGE)], status_code=303)
    def envelope(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        level = str(data.get("level") or "")
        form = ENVELOPE.bind(data)
        self._on_refusal(request, db, campaign, form)
        service.set_envelope(db, campaign, level, **form.require_valid())
        return redirect(request, f"/admin/budget/{campaign.slug}", _("The envelope is saved."))

    @post("/{slug:str}/rule", guards=[can(permissions.MANAGE)], status_code=303)
    def rule(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        name = str(data.get("rule") or "")
        self._on_refusal(request, db, campaign)
        try:
            service.set_rule(db, site_of(request), campaign, name)
        except LookupError as error:  # a rule no enabled plugin provides
            raise BudgetRefused(str(error.args[0]), status_code=400) from None
        return redirect(request, f"/admin/budget/{campaign.slug}", _("The rule is saved."))

    @post("/{slug:str}/publish", guards=[can(permissions.PUBLISH)], status_code=303)
    def publish(self, request: Req, db: DB, slug: FromPath[str]) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        self._on_refusal(request, db, campaign)
        results.publish(db, site_of(request), campaign, actor=state_of(request).actor)
        audit.record_request(request, "budget.results.publish", target=campaign)
        return redirect(request, f"/budget/{campaign.slug}/results", _("The results are published."))
