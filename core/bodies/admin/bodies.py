"""Back office: the list of bodies, a new body, a body's overview and settings."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.backoffice import Resource
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, check
from parvis.web.render import page
from parvis.web.types import DB, FormData, FromPath, FromQuery

from .common import MANAGE, PATH, AnyRequest, base, body_or_404, manages_bodies
from .forms import body_form

BODIES = Resource()


def new_page(request: AnyRequest, form: BoundForm, refusal: Refused | None = None) -> Template:
    return page(
        request,
        "bodies/admin/new.html",
        form=form,
        refusal=refusal,
        kinds=state_of(request).site.body_kinds,
        title=_("New body"),
    )


def overview_page(
    request: AnyRequest, db: Session, body: Body, form: BoundForm, refusal: Refused | None = None
) -> Template:
    site = state_of(request).site
    term = services.default_term(db, body, site.today())
    return page(
        request,
        "bodies/admin/overview.html",
        body=body,
        kind=kind_of(site, body.kind),
        section="overview",
        form=form,
        refusal=refusal,
        term=term,
        counts=services.seat_counts(db, body, term),
        title=body.name,
    )


class BodiesAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/", name="admin-bodies")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        return page(
            request,
            "bodies/admin/index.html",
            bodies=services.bodies_managed_by(db, state.site, state.actor),
            kinds=state.site.body_kinds,
            may_create=allowed(state, MANAGE),
            title=_("Bodies"),
        )

    @get("/new")
    def new_body_form(self, request: AnyRequest, kind: FromQuery[str | None] = None) -> Template:
        state = state_of(request)
        check(state, MANAGE)
        form = body_form(state.site, creating=True).bind(initial={"kind": kind} if kind else None)
        return new_page(request, form)

    @post("/new", status_code=303)
    def create_body(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        check(state, MANAGE)
        form = body_form(state.site, creating=True).bind(data)
        v = BODIES.submit(request, form, lambda refusal: new_page(request, form, refusal))
        body = BODIES.save(
            db,
            lambda: services.create_body(db, state.site, v["kind"], v["name"], v.get("description") or ""),
        )
        return BODIES.done(
            request, "add", base(body), _("The body {name} is created.").format(name=body.name)
        )

    @get("/{slug:str}")
    def overview(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = body_form(site, creating=False, current_rule=body.eligibility).bind(
            initial={
                "name": body.name,
                "description": body.description,
                "active": body.active,
                "eligibility": body.eligibility,
            }
        )
        return overview_page(request, db, body, form)

    @post("/{slug:str}", status_code=303)
    def update_body(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = body_form(site, creating=False, current_rule=body.eligibility).bind(data)
        v = BODIES.submit(request, form, lambda refusal: overview_page(request, db, body, form, refusal))
        BODIES.save(
            db,
            lambda: services.update_body(
                db,
                site,
                body,
                name=v["name"],
                description=v.get("description") or "",
                active=bool(v.get("active")),
                eligibility=v.get("eligibility"),
            ),
        )
        return BODIES.done(request, "update", base(body))
