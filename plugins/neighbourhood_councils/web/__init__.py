"""The plugin's pages: public (councils, Beautify) and the district officials' back office."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from parvis.plugins.neighbourhood_councils.web import (
        admin_animation,
        admin_budget,
        admin_colleges,
        admin_councils,
        admin_meetings,
        admin_programmes,
        admin_registrations,
        admin_voeux,
        admin_works,
        beautify,
        meetings,
        perimeters,
        public,
    )

    return (
        perimeters.ROUTES
        + meetings.ROUTES
        + public.ROUTES
        + beautify.ROUTES
        + admin_councils.ROUTES
        + admin_meetings.ROUTES
        + admin_animation.ROUTES
        + admin_colleges.ROUTES
        + admin_voeux.ROUTES
        + admin_budget.ROUTES
        + admin_programmes.ROUTES
        + admin_works.ROUTES
        + admin_registrations.ROUTES
    )
