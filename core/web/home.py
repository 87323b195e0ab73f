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

# What the home page leads with, "Open now", soonest deadline first: a call for applications or
# ideas, a vote in progress, a meeting coming up (HomePanel.kind); every other panel is a way to
# take part.
OPEN_KINDS = ("call", "vote", "meeting")


def open_labels() -> dict[str, str]:
    """The badge of each kind of open panel."""
    return {"call": _("Open call"), "vote": _("Vote open"), "meeting": _("Next meeting")}


class HomeController(Controller):
    path = "/"

    @get("/", guards=[public], name="home")
    def home(self, request: Request[Any, Any, Any], db: DB) -> Template:
        site = state_of(request).site
        panels = [p for panels in site.hook.home_panels(request=request, db=db) for p in panels or ()]
        calls = sorted(
            (p for p in panels if p.kind in OPEN_KINDS),
            key=lambda p: (p.when is None, p.when, p.order),
        )
        bodies = sorted((p for p in panels if p.kind not in OPEN_KINDS), key=lambda p: (p.order, p.title))
        return page(
            request,
            "home.html",
            calls=calls,
            bodies=bodies,
            open_labels=open_labels(),
            setup_command=bootstrap.COMMAND if bootstrap.needs_administrator(db, site) else None,
            title=_("Citizen participation {site.city:in}"),
        )
