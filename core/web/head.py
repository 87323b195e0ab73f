"""HEAD answers like GET, without the body (RFC 9110 §9.3.2), for every page and API route.

Litestar routes a HEAD request only to handlers declared for HEAD, so a HEAD on a page answered
405; link checkers, caches and monitoring send HEAD. This wrapper of the app's handler, before
routing (Litestar's middleware run after it), serves a HEAD as the GET it stands for (same
status and headers, Content-Length included) and drops the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar.enums import ScopeType

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send


def head_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("method") != "HEAD":
            await app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        as_get: Any = {**scope, "method": "GET"}
        await app(as_get, receive, headers_only)

    return middleware
