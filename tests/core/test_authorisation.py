"""Every route of every plugin, walked with every role: the server enforces who may call it.

A route must declare a guard from parvis.web.guards. For each role the expected outcome follows
from the guard: allowed roles never get 401/403 from it and never a 500 (even with empty forms
and unknown ids); other roles are refused (anonymous visitors are sent to the sign-in page).
"""

import re
from typing import Any

import pytest
from litestar.handlers import HTTPRouteHandler

from parvis.testing import login

# "district_official": an official of one district only (a district's town hall). Their grant
# counts only for actions declared district-scoped, and on the back office's home.
ROLES = ["anonymous", "citizen", "district_official", "official", "admin"]
PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")
SAMPLE = {
    "int": "999999",
    "str": "no-such-thing",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "path": "x",
}


def concrete(path: str, sample: dict[str, str] = SAMPLE) -> str:
    def fill(match: re.Match[str]) -> str:
        name, kind = match.group(1), match.group(2) or "str"
        return "en" if name == "lang" else sample.get(kind, "x")

    return PARAM.sub(fill, path)


def routes(app):
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                    yield route.path, method, handler


def rule(handler, site):
    """(kind, allowed roles) from the handler's guards, the strictest guard winning."""
    guards = [getattr(g, "func", g) for g in handler.resolve_guards()]  # Litestar wraps sync guards
    names = [g.__name__ for g in guards]
    allowed = set(ROLES)
    kind = None
    for guard in guards:
        if guard.__name__ == "public":
            kind = kind or "public"
        elif guard.__name__ == "signed_in":
            kind = "signed_in"
            allowed &= {"citizen", "district_official", "official", "admin"}
        elif guard.__name__ == "back_office":  # staff: site-wide, a body's or a district's officials
            kind = "role"
            allowed &= {"district_official", "official", "admin"}
        elif hasattr(guard, "role"):
            kind = "role"
            allowed &= {"admin"} | ({guard.role} & set(ROLES))
        elif hasattr(guard, "action"):
            kind = "action"
            # A guard may pass for other actions too (core moderation's: content kinds' own).
            actions = [guard.action, *getattr(guard, "also", lambda _site: [])(site)]
            passes = set()
            for action in actions:
                declared = site.actions[action].roles
                scoped = site.actions[action].district_scoped
                passes |= (
                    {"admin"}
                    | (set(declared) & set(ROLES))
                    | ({"citizen", "district_official"} if "citizen" in declared else set())
                    | ({"district_official"} if scoped and "official" in declared else set())
                )
            allowed &= passes
        else:
            kind = kind or f"custom:{guard.__name__}"
    return kind, allowed, names


SKIPPED = {"/{lang:str}/logout"}  # signing out would end the walk's session; tested in test_accounts
# A 503 from /readyz is its answer (the test schema is built without migrations), not a crash.
ANSWERS_503 = {"/readyz"}


def crashed(path: str, status: int) -> bool:
    return status >= 500 and not (status == 503 and path in ANSWERS_503)


def guarded_routes(app: Any, site: Any) -> list[tuple[str, str, Any]]:
    table = [
        (path, method, handler)
        for path, method, handler in routes(app)
        if not (path.startswith(("/static/", "/api/schema")) or path in {"/", "/healthz"} or path in SKIPPED)
    ]
    assert len(table) > 10
    unguarded = [f"{method} {path}" for path, method, handler in table if rule(handler, site)[0] is None]
    assert not unguarded, f"routes without an authorisation guard: {unguarded}"
    return table


@pytest.mark.hooks("register_routes", "register_api_routes", "register_actions", "permission_allowed")
@pytest.mark.parametrize("role", ROLES)  # one test per role: the walk is long, so workers share it
def test_route_role_table(role, app, site, client, make_account, db):
    failures = []
    if role == "district_official":
        district = site.config.districts[0].code
        login(client, make_account(district_roles={district: "official"}))
    elif role != "anonymous":
        login(client, make_account(*([] if role == "citizen" else [role])))
    for path, method, handler in guarded_routes(app, site):
        kind, allowed, names = rule(handler, site)
        url = concrete(path)
        response = client.request(method, url, data={} if method != "GET" else None, follow_redirects=False)
        status = response.status_code
        if crashed(path, status):
            failures.append(f"{role:9} {method} {url}: {status} (a crash)")
        elif role in allowed and status == 401 and kind != "public":
            failures.append(f"{role:9} {method} {url}: {status} but {names} allow it")
        elif role not in allowed:
            refused = status == 403 or (role == "anonymous" and status in (401, 303))
            if status == 303 and "/login" not in response.headers.get("location", ""):
                refused = False
            if not refused:
                failures.append(f"{role:9} {method} {url}: {status}, should be refused by {names}")
    assert not failures, "\n".join(failures)


HUGE = "99999999999999999999"  # beyond 64-bit integers: what a hand-edited address may hold


@pytest.mark.hooks("register_routes", "register_api_routes")
def test_numbers_too_large_for_the_database_are_refused_not_a_crash(app, client, make_account):
    """Ids in the path and page numbers in the query beyond the database's integers: 4xx, never 500."""
    login(client, make_account("admin"))
    crashes = []
    for path, method, _handler in routes(app):
        if path.startswith(("/static/", "/api/schema")) or path in SKIPPED:
            continue
        url = concrete(path, {**SAMPLE, "int": HUGE})
        query = f"?page={HUGE}&term={HUGE}&slot={HUGE}&year={HUGE}"
        response = client.request(
            method, url + query, data={} if method != "GET" else None, follow_redirects=False
        )
        if crashed(path, response.status_code):
            crashes.append(f"{method} {url}{query}: {response.status_code}")
    assert not crashes, "\n".join(crashes)
