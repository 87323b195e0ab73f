"""The back office's home: every section officials may open, contributed by core and plugins."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from parvis.i18n import _
from parvis.web.guards import back_office
from parvis.web.render import menu, page


class AdminController(Controller):
    path = "/admin"
    guards = [back_office]

    @get("/", name="admin")
    def index(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "admin/index.html", sections=menu(request, area="admin"), title=_("Back office"))
