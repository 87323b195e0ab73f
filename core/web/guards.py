"""Route guards: every route states who may call it; the server checks it on every request.

``public`` documents an intentionally open route (the route x role test requires every route to
carry one of these guards, so forgetting authorisation fails a test instead of opening a page).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from anyio.to_thread import run_sync
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from parvis.auth import Actor
from parvis.i18n import _
from parvis.permissions import ADMIN, OFFICIAL
from parvis.web.context import RequestState

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None] | None]


def _state(connection: ASGIConnection[Any, Any, Any, Any]) -> RequestState:
    return connection.scope["state"]["parvis"]


def require_signed_in(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """For guards of one's own: refuse anonymous visitors.

    A plain-function guard runs in a worker thread (Litestar's choice), so it may use ``.actor``
    and the database. A coroutine guard must not: it runs on the event loop, where a query would
    stall every request of the worker; it awaits ``signed_in_actor(connection)`` instead.
    """
    if not _state(connection).actor.authenticated:
        raise NotAuthorizedException(_("Please sign in to continue."))


async def signed_in_actor(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor:
    """For coroutine guards: the signed-in actor (loaded in a worker thread), else refuse."""
    actor = await _state(connection).load_actor()
    if not actor.authenticated:
        raise NotAuthorizedException(_("Please sign in to continue."))
    return actor


# Core's guards are coroutines that load the actor in a worker thread once per request (the
# handler then finds it loaded); the role checks themselves need no database.


async def public(_connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Anyone, signed in or not."""


async def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    await signed_in_actor(connection)


def has_role(role: str) -> Guard:
    """A site-wide role (admins pass every role check)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        actor = await signed_in_actor(connection)
        if not actor.has_role(role):
            raise PermissionDeniedException(_("You do not have access to this page."))

    guard.__name__ = f"has_role_{role}"
    guard.__qualname__ = guard.__name__
    guard.role = role  # type: ignore[attr-defined]  # read by the route x role test
    return guard


def can(action: str) -> Guard:
    """An action checked through the ``permission_allowed`` hook, without a specific resource."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        state = _state(connection)
        if state.token is None:  # no session cookie: anonymous, no need for a thread
            raise NotAuthorizedException(_("Please sign in to continue."))

        def decide() -> bool | None:
            # Plugins' permission_allowed may query the database: one worker-thread hop for both.
            actor = state.actor
            if not actor.authenticated:
                return None
            return bool(
                state.site.hook.permission_allowed(site=state.site, actor=actor, action=action, resource=None)
            )

        verdict = await run_sync(decide)
        if verdict is None:
            raise NotAuthorizedException(_("Please sign in to continue."))
        if not verdict:
            raise PermissionDeniedException(_("You do not have access to this page."))

    guard.__name__ = f"can_{action.replace('.', '_')}"
    guard.__qualname__ = guard.__name__
    guard.action = action  # type: ignore[attr-defined]  # read by the route x role test
    return guard


async def back_office(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Staff: site-wide officials and admins, and officials of at least one body."""
    if not (await signed_in_actor(connection)).staff:
        raise PermissionDeniedException(_("You do not have access to this page."))


back_office.role = OFFICIAL  # type: ignore[attr-defined]  # for the route x role test

official = has_role(OFFICIAL)
admin = has_role(ADMIN)


def check(state: RequestState, action: str, resource: Any = None) -> None:
    """Inside a handler: refuse unless the actor may do ``action`` on ``resource``."""
    if not state.site.hook.permission_allowed(
        site=state.site, actor=state.actor, action=action, resource=resource
    ):
        if not state.actor.authenticated:
            raise NotAuthorizedException(_("Please sign in to continue."))
        raise PermissionDeniedException(_("You do not have access to this page."))


def allowed(state: RequestState, action: str, resource: Any = None) -> bool:
    return bool(
        state.site.hook.permission_allowed(
            site=state.site, actor=state.actor, action=action, resource=resource
        )
    )


def districts_allowed(state: RequestState, action: str) -> frozenset[str] | None:
    """Where the actor may do ``action``: ``None`` for everywhere (a site-wide role), else the
    districts of their district grants (empty: nowhere). Lists and forms of a district-scoped
    action show only these districts' things; each object is still checked with ``check``."""
    actor = state.actor
    declared = state.site.actions.get(action)
    if declared is None:
        return None if actor.has_role(ADMIN) else frozenset()
    if any(actor.has_role(role) for role in declared.roles):
        return None
    return actor.districts_with(declared.roles) if declared.district_scoped else frozenset()
