"""The plugin's pages: public (councils, Beautify) and the district officials' back office."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from parvis.plugins.neighbourhood_councils.web import admin, beautify, public

    return public.ROUTES + beautify.ROUTES + admin.ROUTES
