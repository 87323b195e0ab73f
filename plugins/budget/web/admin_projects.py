"""Back office: co-construction workshops, projects merged from ideas, costs, Qpop flags, ballots."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    BoundForm,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    Invalid,
    Refused,
    _,
    audit,
    can,
    check_location,
    lazy_gettext,
    location_fields,
    on_refusal,
    redirect,
)
from parvis.plugins.budget import permissions
from parvis.plugins.budget.labels import theme_choices
from parvis.plugins.budget.models import Idea, Workshop
from parvis.plugins.budget.services import projects as service
from parvis.plugins.budget.web.common import (
    NewPage,
    Req,
    campaign_or_404,
    level_choices,
    not_found,
    render,
    site_of,
)


def project_form(request: Req, ideas: list[Idea] | None = None) -> Form:
    fields = [
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("description", lazy_gettext("Description"), kind="textarea", max_length=10000),
        Field("level", lazy_gettext("Ballot"), kind="select", choices=lambda: level_choices(request)),
        Field("theme", lazy_gettext("Theme"), kind="select", choices=lambda: theme_choices(site_of(request))),
        Field("place", lazy_gettext("Place"), required=False, max_length=200),
        *location_fields(),
        Field("cost", lazy_gettext("Estimated cost"), kind="money", required=False, min=0),
        Field(
            "qpop",
            lazy_gettext("In or for a working-class neighbourhood (Qpop)"),
            kind="checkbox",
            required=False,
        ),
    ]
    if ideas is not None:
        fields.append(
            Field(
                "ideas",
                lazy_gettext("Ideas merged into this project"),
                kind="checkboxes",
                required=False,
                choices=[(i.public_id, i.title) for i in ideas],
            )
        )
    return Form(*fields)


def workshop_form(request: Req) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("level", lazy_gettext("Ballot"), kind="select", choices=lambda: level_choices(request)),
        Field("held_on", lazy_gettext("Date"), kind="date", required=False),
        Field("place", lazy_gettext("Place"), required=False, max_length=200),
        Field("notes", lazy_gettext("Notes"), kind="textarea", required=False, max_length=5000),
    )


NEW_WORKSHOP = NewPage(
    lazy_gettext("New workshop"), lazy_gettext("Workshops and projects"), "/projects", "/workshops/new"
)


def _input(values: dict[str, Any]) -> service.ProjectInput:
    return service.ProjectInput(
        title=values["title"],
        description=values["description"],
        level=values["level"],
        theme=values["theme"],
        place=values["place"] or "",
        cost=values["cost"],
        qpop=bool(values["qpop"]),
        latitude=values.get("latitude"),
        longitude=values.get("longitude"),
    )


# What the project form shows of a stored project.
EDITABLE = ("title", "description", "level", "theme", "place", "latitude", "longitude", "cost", "qpop")


class ProjectAdminController(Controller):
    path = "/admin/budget/{slug:str}"
    guards = [can(permissions.PROJECTS)]

    @get("/projects")
    def index(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        workshops = list(
            db.scalars(select(Workshop).where(Workshop.campaign_id == campaign.id).order_by(Workshop.held_on))
        )
        return render(
            request,
            "budget/admin/projects.html",
            campaign=campaign,
            projects=service.campaign_projects(db, campaign),
            workshops=workshops,
            mergeable=len(service.mergeable_ideas(db, campaign)),
            title=_("Workshops and projects"),
        )

    @get("/workshops/new")
    def new_workshop(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        return NEW_WORKSHOP.render(request, campaign_or_404(db, slug), workshop_form(request).bind())

    @post("/workshops/new", status_code=303)
    def create_workshop(
        self, request: Req, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        values = NEW_WORKSHOP.submit(
            request, campaign, workshop_form(request).bind(data), fallback_field="title"
        )
        service.create_workshop(
            db,
            site_of(request),
            campaign,
            title=values["title"],
            level=values["level"],
            held_on=values["held_on"],
            place=values["place"] or "",
            notes=values["notes"] or "",
        )
        return redirect(request, f"/admin/budget/{campaign.slug}/projects", _("The workshop is saved."))

    def _new_page(
        self,
        request: Req,
        campaign: Any,
        form: BoundForm,
        *,
        level: str,
        workshop: str,
        status_code: int = 200,
    ) -> Template:
        return render(
            request,
            "budget/admin/project_form.html",
            campaign=campaign,
            form=form,
            project=None,
            message=None,
            level=level,
            workshop=workshop,
            title=_("New project"),
            status_code=status_code,
        )

    @get("/projects/new")
    def new_project(
        self,
        request: Req,
        db: DB,
        slug: FromPath[str],
        level: FromQuery[str] = "",
        workshop: FromQuery[str] = "",
    ) -> Template:
        campaign = campaign_or_404(db, slug)
        ideas = service.mergeable_ideas(db, campaign, level or None)
        form = project_form(request, ideas).bind(initial={"level": level} if level else None)
        return self._new_page(request, campaign, form, level=level, workshop=workshop)

    @post("/projects/new", status_code=303)
    def create_project(
        self, request: Req, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        ideas = service.mergeable_ideas(db, campaign)
        form = project_form(request, ideas).bind(data)
        workshop_id = str(data.get("workshop") or "")
        workshop = (
            db.scalar(
                select(Workshop).where(Workshop.campaign_id == campaign.id, Workshop.public_id == workshop_id)
            )
            if workshop_id
            else None
        )
        chosen = [i for i in ideas if i.public_id in set(form.values.get("ideas") or [])]
        check_location(form)
        on_refusal(
            request,
            lambda _shown: self._new_page(
                request, campaign, form, level=str(data.get("level") or ""), workshop=workshop_id
            ),
            form=form,
            fallback_field="title",
            status_code=400,
        )
        values = form.require_valid()
        project = service.create_project(
            db, site_of(request), campaign, _input(values), ideas=chosen, workshop=workshop
        )
        return redirect(
            request,
            f"/admin/budget/{campaign.slug}/projects/{project.public_id}",
            _("The project is saved."),
        )

    def _edit_page(
        self,
        request: Req,
        campaign: Any,
        project: Any,
        form: BoundForm,
        *,
        message: str | None = None,
        status_code: int = 200,
    ) -> Template:
        return render(
            request,
            "budget/admin/project_form.html",
            campaign=campaign,
            form=form,
            project=project,
            message=message,
            level=project.level,
            workshop="",
            title=project.title,
            status_code=status_code,
        )

    def _project(self, db: DB, campaign: Any, public_id: str) -> Any:
        project = service.project_by_public_id(db, campaign, public_id)
        if project is None:
            raise not_found()
        return project

    @get("/projects/{public_id:str}")
    def edit(self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str]) -> Template:
        campaign = campaign_or_404(db, slug)
        project = self._project(db, campaign, public_id)
        initial = {k: getattr(project, k) for k in EDITABLE}
        return self._edit_page(request, campaign, project, project_form(request).bind(initial=initial))

    @post("/projects/{public_id:str}", status_code=303)
    def save(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        project = self._project(db, campaign, public_id)
        form = project_form(request).bind(data)
        check_location(form)
        on_refusal(
            request,
            lambda _shown: self._edit_page(request, campaign, project, form),
            form=form,
            fallback_field="cost",
            status_code=400,
        )
        service.update_project(db, site_of(request), project, _input(form.require_valid()))
        return redirect(
            request, f"/admin/budget/{campaign.slug}/projects/{project.public_id}", _("The project is saved.")
        )

    def _refused(self, request: Req, campaign: Any, project: Any, refusal: Refused | None) -> Template:
        """The project's page again, the refusal above its form."""
        initial = {k: getattr(project, k) for k in EDITABLE}
        form = project_form(request).bind(initial=initial)
        return self._edit_page(request, campaign, project, form, message=refusal.message if refusal else None)

    @post("/projects/{public_id:str}/ballot", status_code=303)
    def ballot(
        self, request: Req, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        campaign = campaign_or_404(db, slug)
        project = self._project(db, campaign, public_id)
        action = str(data.get("action") or "")
        on_refusal(
            request, lambda refusal: self._refused(request, campaign, project, refusal), status_code=400
        )
        if action not in {"add", "remove", "not_feasible"}:
            raise Invalid(_("Choose among the options shown."))
        if action == "add":
            service.put_on_ballot(db, project)
        else:
            service.take_off_ballot(db, project, not_feasible=action == "not_feasible")
        audit.record_request(request, "budget.project.ballot", target=project, change=action)
        return redirect(
            request,
            f"/admin/budget/{campaign.slug}/projects/{project.public_id}",
            _("The ballot is updated."),
        )
