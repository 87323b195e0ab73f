"""Every route of every plugin, walked with every role: the server enforces who may call it.

A route must declare a guard from parvis.web.guards. For each role the expected outcome follows
from the guard: allowed roles never get 401/403 from it and never a 500 (even with empty forms
and unknown ids); other roles are refused (anonymous visitors are sent to the sign-in page).
"""

import re

import pytest
from litestar.handlers import HTTPRouteHandler

from parvis.testing import ParvisClient, login

ROLES = ["anonymous", "citizen", "official", "admin"]
PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")
SAMPLE = {"int": "999999", "str": "no-such-thing", "uuid": "00000000-0000-0000-0000-000000000000", "path": "x"}


def concrete(path: str) -> str:
    def fill(match: re.Match[str]) -> str:
        name, kind = match.group(1), match.group(2) or "str"
        return "en" if name == "lang" else SAMPLE.get(kind, "x")

    return PARAM.sub(fill, path)


def routes(app):
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                    yield route.path, method, handler


def rule(handler, site):
    """(kind, allowed roles) from the handler's guards, the strictest guard winning."""
    guards = handler.resolve_guards()
    names = [g.__name__ for g in guards]
    allowed = set(ROLES)
    kind = None
    for guard in guards:
        if guard.__name__ == "public":
            kind = kind or "public"
        elif guard.__name__ == "signed_in":
            kind = "signed_in"
            allowed &= {"citizen", "official", "admin"}
        elif hasattr(guard, "role"):
            kind = "role"
            allowed &= {"admin"} | ({guard.role} & set(ROLES))
        elif hasattr(guard, "action"):
            kind = "action"
            declared = site.actions[guard.action].roles
            allowed &= {"admin"} | (set(declared) & set(ROLES)) | ({"citizen"} if "citizen" in declared else set())
        else:
            kind = kind or f"custom:{guard.__name__}"
    return kind, allowed, names


@pytest.fixture
def clients(app, make_account):
    made = {}
    for role in ROLES:
        client = ParvisClient(app, base_url="http://testserver.local")
        client.__enter__()
        if role != "anonymous":
            login(client, make_account(*([] if role == "citizen" else [role])))
        made[role] = client
    yield made
    for client in made.values():
        client.__exit__(None, None, None)


@pytest.mark.hooks("register_routes", "register_api_routes", "register_actions", "permission_allowed")
def test_route_role_table(app, site, clients, db):
    unguarded, failures = [], []
    table = list(routes(app))
    assert len(table) > 10
    for path, method, handler in table:
        if path.startswith("/static/") or path.startswith("/api/schema") or path in {"/", "/healthz"}:
            continue
        kind, allowed, names = rule(handler, site)
        if kind is None:
            unguarded.append(f"{method} {path}")
            continue
        url = concrete(path)
        for role in ROLES:
            response = clients[role].request(method, url, data={} if method != "GET" else None,
                                             follow_redirects=False)
            status = response.status_code
            if status >= 500:
                failures.append(f"{role:9} {method} {url}: {status} (a crash)")
            elif role in allowed and status in (401, 403) and kind != "public":
                # a resource-level check may still refuse: only a refusal by the guard is wrong
                if "access to this page" not in response.text and status == 401:
                    failures.append(f"{role:9} {method} {url}: {status} but {names} allow it")
            elif role not in allowed:
                refused = status == 403 or (role == "anonymous" and status in (401, 303))
                if status == 303 and "/login" not in response.headers.get("location", ""):
                    refused = False
                if not refused:
                    failures.append(f"{role:9} {method} {url}: {status}, should be refused by {names}")
    assert not unguarded, f"routes without an authorisation guard: {unguarded}"
    assert not failures, "\n".join(failures)
