"""Campaign pages (the Nuit de la Solidarité): sign-up with role, district and charter, and the
organiser's team formation."""

from __future__ import annotations

import re
from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from parvis.api import (
    DB,
    VOLUNTEER,
    Account,
    Field,
    Form,
    FormData,
    FromPath,
    Invalid,
    _,
    allowed,
    can,
    flash,
    lazy_gettext,
    on_refusal,
    public,
    redirect,
    require_verified,
    signed_in,
    state_of,
)
from parvis.api import AnyRequest as Req
from parvis.plugins.volunteers import campaigns as service
from parvis.plugins.volunteers.models import CampaignRole, CampaignSignup, CampaignTeam, VolunteerCampaign
from parvis.plugins.volunteers.permissions import MANAGE_CAMPAIGN
from parvis.plugins.volunteers.web.common import campaign_or_404, render, settings_of

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def signup_form(request: Req, campaign: VolunteerCampaign) -> Form:
    districts = [(d.code, d.name) for d in state_of(request).site.config.districts]
    return Form(
        Field("role", lazy_gettext("I sign up as"), kind="radio", choices=CampaignRole.choices),
        Field(
            "district",
            lazy_gettext("{site.district:Name} where I will take part"),
            kind="select",
            choices=districts,
        ),
        Field(
            "charter",
            lazy_gettext("I have read the ethics charter and I agree to follow it"),
            kind="checkbox",
        ),
    )


def campaign_form(request: Req) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field(
            "slug",
            lazy_gettext("Address of its page"),
            max_length=80,
            help=lazy_gettext("Lower-case letters, digits and hyphens, for example: nuit-solidarite-2027."),
        ),
        Field("description", lazy_gettext("Description"), kind="textarea"),
        Field("charter", lazy_gettext("Ethics charter"), kind="textarea"),
        Field("starts_at", lazy_gettext("Start"), kind="datetime"),
        Field("ends_at", lazy_gettext("End"), kind="datetime"),
        Field("min_age", lazy_gettext("Minimum age"), kind="integer", min=0, max=120),
        Field("team_min_size", lazy_gettext("Smallest team"), kind="integer", min=1, max=50),
        Field("team_max_size", lazy_gettext("Largest team"), kind="integer", min=1, max=50),
    )


class CampaignController(Controller):
    path = "/volunteers/campaigns"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/new", guards=[can(MANAGE_CAMPAIGN)], name="volunteers-campaign-new")
    def new(self, request: Req) -> Template:
        settings = settings_of(request)
        initial = {
            "min_age": settings.campaign_min_age,
            "team_min_size": settings.team_min_size,
            "team_max_size": settings.team_max_size,
        }
        return render(
            request,
            "volunteers/campaign_form.html",
            form=campaign_form(request).bind(initial=initial),
            title=_("New campaign"),
        )

    @post("/new", guards=[can(MANAGE_CAMPAIGN)], status_code=303)
    def create(self, request: Req, db: DB, data: FormData) -> Template | Redirect:
        form = campaign_form(request).bind(data)
        v = form.values
        if v.get("slug") and not SLUG.match(v["slug"]):
            form.add_error("slug", _("Use lower-case letters, digits and hyphens only."))
        if v.get("starts_at") and v.get("ends_at") and v["ends_at"] <= v["starts_at"]:
            form.add_error("ends_at", _("The end must be after the start."))
        if v.get("team_min_size") and v.get("team_max_size") and v["team_max_size"] < v["team_min_size"]:
            form.add_error("team_max_size", _("The largest team cannot be smaller than the smallest one."))
        on_refusal(
            request,
            lambda _shown: render(
                request, "volunteers/campaign_form.html", form=form, title=_("New campaign")
            ),
            form=form,
            status_code=400,
        )
        form.require_valid()
        campaign = VolunteerCampaign(
            slug=v["slug"],
            title=v["title"],
            description=v["description"],
            charter=v["charter"],
            starts_at=v["starts_at"],
            ends_at=v["ends_at"],
            min_age=v["min_age"],
            team_min_size=v["team_min_size"],
            team_max_size=v["team_max_size"],
        )
        db.add(campaign)
        try:
            db.flush()
        except IntegrityError:  # the address was taken at the same moment by another request
            raise Invalid(_("Another campaign already uses this address."), "slug") from None
        return redirect(request, f"/volunteers/campaigns/{campaign.slug}", _("The campaign is created."))

    @get("/{slug:str}", guards=[public], name="volunteers-campaign")
    def detail(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        return self._page(request, db, campaign, signup_form(request, campaign).bind())

    def _page(
        self, request: Req, db: DB, campaign: VolunteerCampaign, form: Any, status_code: int = 200
    ) -> Template:
        state = state_of(request)
        mine = None
        team = None
        if state.actor.account is not None:
            mine = db.scalar(
                select(CampaignSignup).where(
                    CampaignSignup.campaign_id == campaign.id,
                    CampaignSignup.account_id == state.actor.account.id,
                )
            )
            if mine is not None and mine.team_id is not None:
                team = db.get(CampaignTeam, mine.team_id)
        count = len(campaign.signups)
        return render(
            request,
            "volunteers/campaign.html",
            campaign=campaign,
            form=form,
            mine=mine,
            team=team,
            count=count,
            can_manage=allowed(state, MANAGE_CAMPAIGN, campaign),
            title=campaign.title,
            status_code=status_code,
        )

    @post("/{slug:str}/signup", guards=[signed_in], status_code=303)
    def sign_up(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        state = state_of(request)
        campaign = campaign_or_404(db, slug)
        require_verified(state, VOLUNTEER)
        form = signup_form(request, campaign).bind(data)
        on_refusal(
            request,
            lambda _shown: self._page(request, db, campaign, form),
            form=form,
            fallback_field="role",
            status_code=400,
        )
        values = form.require_valid()
        service.sign_up(
            db,
            state.site,
            campaign,
            state.actor.account,  # type: ignore[arg-type]
            role=CampaignRole(values["role"]),
            district=values["district"],
            charter_accepted=values["charter"],
        )
        return redirect(
            request, f"/volunteers/campaigns/{slug}", _("You are signed up for the campaign. Thank you!")
        )

    @post("/{slug:str}/withdraw", guards=[signed_in], status_code=303)
    def withdraw(self, request: Req, db: DB, slug: FromPath[str]) -> Redirect:
        campaign = campaign_or_404(db, slug)
        gone = service.withdraw(db, campaign, state_of(request).actor.account)  # type: ignore[arg-type]
        return redirect(
            request,
            f"/volunteers/campaigns/{slug}",
            _("You are no longer signed up.") if gone else _("You were not signed up."),
        )

    @get("/{slug:str}/teams", guards=[can(MANAGE_CAMPAIGN)], name="volunteers-campaign-teams")
    def teams(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        teams = db.scalars(
            select(CampaignTeam).where(CampaignTeam.campaign_id == campaign.id).order_by(CampaignTeam.number)
        ).all()
        signups = db.execute(
            select(CampaignSignup, Account)
            .join(Account, Account.id == CampaignSignup.account_id)
            .where(CampaignSignup.campaign_id == campaign.id)
            .order_by(CampaignSignup.district, CampaignSignup.role, Account.display_name)
        ).all()
        problems = service.team_problems(
            service.current_teams(db, campaign), campaign.team_min_size, campaign.team_max_size
        )
        unassigned = [(s, a) for s, a in signups if s.team_id is None]
        return render(
            request,
            "volunteers/campaign_teams.html",
            campaign=campaign,
            teams=teams,
            signups=signups,
            members={t.id: [(s, a) for s, a in signups if s.team_id == t.id] for t in teams},
            unassigned=unassigned,
            problems=problems,
            district_choices=[(d.code, d.name) for d in state_of(request).site.config.districts],
            title=_("Teams: {campaign}").format(campaign=campaign.title),
        )

    @post("/{slug:str}/teams", guards=[can(MANAGE_CAMPAIGN)], status_code=303)
    def change_teams(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
        campaign = campaign_or_404(db, slug)
        action = str(data.get("action") or "")
        if action == "propose":
            teams = service.form_teams(db, campaign)
            message = _("{count} teams proposed. Check them and move people if needed.").format(
                count=len(teams)
            )
        elif action == "add":
            district = str(data.get("district") or "")
            if state_of(request).site.config.district(district) is None:
                response = redirect(request, f"/volunteers/campaigns/{slug}/teams")
                flash(response, _("Choose {site.district:a} among those listed."), "error")
                return response
            team = service.add_team(db, campaign, district)
            message = _("Team {number} added.").format(number=team.number)
        elif action == "assign":
            assignments: dict[int, int | None] = {}
            for key, value in data.items():
                if not key.startswith("team-") or not key[5:].isdigit():
                    continue
                raw = value[-1] if isinstance(value, list) else value
                assignments[int(key[5:])] = int(raw) if str(raw).isdigit() else None
            changed = service.move(db, campaign, assignments)
            message = _("{count} changes saved.").format(count=changed)
        elif action == "close":
            campaign.registration_open = not campaign.registration_open
            message = (
                _("Registration is open.") if campaign.registration_open else _("Registration is closed.")
            )
        else:
            message = ""
        return redirect(request, f"/volunteers/campaigns/{slug}/teams", message or None)
