"""The home page (the site's information pages are in ``parvis.pages``)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from parvis.accounts import bootstrap
from parvis.i18n import _
from parvis.web.context import state_of
from parvis.web.guards import public
from parvis.web.render import page
from parvis.web.types import DB


class HomeController(Controller):
    path = "/"

    @get("/", guards=[public], name="home")
    def home(self, request: Request[Any, Any, Any], db: DB) -> Template:
        site = state_of(request).site
        panels = [p for panels in site.hook.home_panels(request=request, db=db) for p in panels or ()]
        calls = sorted(
            (p for p in panels if p.kind == "call"), key=lambda p: (p.deadline is None, p.deadline, p.order)
        )
        bodies = sorted((p for p in panels if p.kind != "call"), key=lambda p: (p.order, p.title))
        return page(
            request,
            "home.html",
            calls=calls,
            bodies=bodies,
            setup_command=bootstrap.COMMAND if bootstrap.needs_administrator(db, site) else None,
            title=_("Citizen participation {site.city:in}"),
        )
