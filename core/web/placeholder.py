"""A page saying a plugin's feature is not available yet (used while a plugin is being built)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.handlers import HTTPRouteHandler
from litestar.response import Template

from parvis.web.guards import public
from parvis.web.render import page


def placeholder_page(path: str, title: Any, name: str) -> HTTPRouteHandler:
    @get(path, guards=[public], name=name)
    def placeholder(request: Request[Any, Any, Any]) -> Template:
        return page(request, "placeholder.html", title=str(title))

    return placeholder
