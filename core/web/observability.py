"""Per request: an id for the logs and the error page, and the request's metrics.

The middleware runs outside every other one, so the id is set before anything logs and the
latency covers the whole response (the page sent, templates included).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType

from parvis import logs, metrics

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

_STATE_KEY = "parvis_request_id"


def request_id_of(scope: Scope) -> str:
    """This request's id: chosen once (the incoming ``X-Request-ID`` if well-formed, else new)."""
    state = scope.setdefault("state", {})
    rid = state.get(_STATE_KEY)
    if rid is None:
        incoming = None
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        rid = state[_STATE_KEY] = logs.accept_request_id(incoming)
    return rid


def observability_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        token = logs.request_id.set(request_id_of(scope))
        started = time.perf_counter()
        status = 500

        async def send_and_see(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await app(scope, receive, send_and_see)
        finally:
            route = scope.get("path_template") or "unmatched"
            metrics.request_answered(scope["method"], route, status, time.perf_counter() - started)
            logs.request_id.reset(token)

    return middleware


async def request_id_header(message: Message, scope: Scope) -> None:
    """``before_send``: every response (errors before routing too) carries ``X-Request-ID``."""
    if message["type"] == "http.response.start" and scope["type"] == ScopeType.HTTP:
        headers = MutableScopeHeaders.from_message(message)
        if logs.REQUEST_ID_HEADER not in headers:
            headers[logs.REQUEST_ID_HEADER] = request_id_of(scope)
