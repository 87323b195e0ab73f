"""Every budget route states who may call it, and no route answers 500 to any role, with empty
forms, unknown ids or a real campaign in any phase."""

from __future__ import annotations

import re

import pytest
from litestar.handlers import HTTPRouteHandler

from parvis.testing import ParvisClient, login

PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


def budget_routes(app):
    for route in app.routes:
        if "budget" not in route.path or route.path.startswith("/static/"):
            continue
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                    yield route.path, method, handler


def guard_names(handler) -> list[str]:
    return [
        getattr(guard, "__name__", repr(guard))
        for layer in handler.ownership_layers
        for guard in getattr(layer, "guards", None) or []
    ]


def test_every_budget_route_has_a_guard(app):
    unguarded = [
        f"{method} {path}" for path, method, handler in budget_routes(app) if not guard_names(handler)
    ]
    assert unguarded == []


@pytest.mark.parametrize("phase", ["ideas", "vote", "closed"])
def test_no_budget_route_crashes(app, db, make_account, make_campaign, make_project, phase):
    campaign = make_campaign(phase)
    project = make_project(campaign)
    values = {"lang": "en", "slug": campaign.slug, "level": "city", "public_id": project.public_id}

    def fill(name: str, unknown: bool) -> str:
        return "no-such-thing" if unknown and name != "lang" else values.get(name, "x")

    clients = {}
    for role in ("anonymous", "citizen", "official"):
        client = ParvisClient(app, base_url="http://testserver.local")
        client.__enter__()
        if role != "anonymous":
            login(client, make_account(*([] if role == "citizen" else [role]), resident=True))
        clients[role] = client
    crashes = []
    try:
        for path, method, _handler in budget_routes(app):
            for unknown in (False, True):
                url = PARAM.sub(lambda m, unknown=unknown: fill(m.group(1), unknown), path)
                for role, client in clients.items():
                    response = client.request(
                        method, url, data={} if method != "GET" else None, follow_redirects=False
                    )
                    if response.status_code >= 500:
                        crashes.append(f"{role} {method} {url}: {response.status_code}")
                    if role == "anonymous" and "/admin/" in url:
                        assert response.status_code in (303, 401, 403), url
    finally:
        for client in clients.values():
            client.__exit__(None, None, None)
    assert crashes == []
