"""Route guards: every route states who may call it; the server checks it on every request.

``public`` documents an intentionally open route (the route x role test requires every route to
carry one of these guards, so forgetting authorisation fails a test instead of opening a page).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from parvis.i18n import _
from parvis.permissions import ADMIN, OFFICIAL
from parvis.web.context import RequestState

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None] | None]


def _state(connection: ASGIConnection[Any, Any, Any, Any]) -> RequestState:
    return connection.scope["state"]["parvis"]


def require_signed_in(connection: ASGIConnection[Any, Any, Any, Any]) -> None:
    """For guards of one's own: refuse anonymous visitors."""
    if not _state(connection).actor.authenticated:
        raise NotAuthorizedException(_("Please sign in to continue."))


# Core's guards are coroutines: Litestar would run plain functions in a worker thread, a hop that
# costs more than the check itself (loading the actor is one indexed query per request).


async def public(_connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Anyone, signed in or not."""


async def signed_in(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    require_signed_in(connection)


def has_role(role: str) -> Guard:
    """A site-wide role (admins pass every role check)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        require_signed_in(connection)
        if not _state(connection).actor.has_role(role):
            raise PermissionDeniedException(_("You do not have access to this page."))

    guard.__name__ = f"has_role_{role}"
    guard.__qualname__ = guard.__name__
    guard.role = role  # type: ignore[attr-defined] - read by the route x role test
    return guard


def can(action: str) -> Guard:
    """An action checked through the ``permission_allowed`` hook, without a specific resource."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        require_signed_in(connection)
        state = _state(connection)
        if not state.site.hook.permission_allowed(
            site=state.site, actor=state.actor, action=action, resource=None
        ):
            raise PermissionDeniedException(_("You do not have access to this page."))

    guard.__name__ = f"can_{action.replace('.', '_')}"
    guard.__qualname__ = guard.__name__
    guard.action = action  # type: ignore[attr-defined] - read by the route x role test
    return guard


async def back_office(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Staff: site-wide officials and admins, and officials of at least one body."""
    require_signed_in(connection)
    if not _state(connection).actor.staff:
        raise PermissionDeniedException(_("You do not have access to this page."))


back_office.role = OFFICIAL  # type: ignore[attr-defined] - for the route x role test

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
