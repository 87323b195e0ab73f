"""Pages of participatory bodies: public pages and the officials' back office."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.exceptions import NotFoundException
from litestar.response import Template
from sqlalchemy import select

from parvis.bodies.models import Body
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.guards import can, public
from parvis.web.render import page
from parvis.web.types import DB, FromPath


class BodyPublicController(Controller):
    path = "/bodies"
    guards = [public]

    @get("/", name="bodies")
    def index(self, request: Request[Any, Any, Any], db: DB) -> Template:
        bodies = db.scalars(select(Body).where(Body.active).order_by(Body.name)).all()
        kinds = state_of(request).site.body_kinds
        return page(request, "bodies/index.html", bodies=bodies, kinds=kinds, title=_("Participatory bodies"))

    @get("/{slug:str}", name="body")
    def detail(self, request: Request[Any, Any, Any], db: DB, slug: FromPath[str]) -> Template:
        body = db.scalar(select(Body).where(Body.slug == slug, Body.active))
        if body is None:
            raise NotFoundException()
        kind = state_of(request).site.body_kinds.get(body.kind)
        return page(request, "bodies/detail.html", body=body, kind=kind, title=body.name)


class BodyAdminController(Controller):
    path = "/admin/bodies"
    guards = [can("core.manage_bodies")]

    @get("/", name="admin-bodies")
    def index(self, request: Request[Any, Any, Any], db: DB) -> Template:
        bodies = db.scalars(select(Body).order_by(Body.name)).all()
        kinds = state_of(request).site.body_kinds
        return page(request, "bodies/admin_index.html", bodies=bodies, kinds=kinds, title=_("Bodies"))
