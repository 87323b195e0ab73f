"""Security headers on every response, 404s included (a ``before_send`` hook sees them all).

The CSP allows only this site's own scripts and styles (no inline script: htmx is configured
through a meta tag), and images from the site plus a map tile server a site configures.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from litestar.datastructures import MutableScopeHeaders

if TYPE_CHECKING:
    from litestar.types import Message, Scope


def security_headers(
    development: bool, extra_img_src: str = ""
) -> Callable[[Message, Scope], Awaitable[None]]:
    csp = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        + f"img-src 'self' data: {extra_img_src}".rstrip()
        + "; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )
    headers = {
        "content-security-policy": csp,
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        "x-frame-options": "DENY",
        "permissions-policy": "camera=(), microphone=(), geolocation=(self)",
        "cross-origin-opener-policy": "same-origin",
    }
    if not development:
        headers["strict-transport-security"] = "max-age=63072000; includeSubDomains"

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start":
            mutable = MutableScopeHeaders.from_message(message)
            for name, value in headers.items():
                if name not in mutable:
                    mutable[name] = value

    return before_send
