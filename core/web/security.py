"""Security headers on every response, 404s included (a ``before_send`` hook sees them all).

The CSP allows only this site's own scripts and styles (no inline script: htmx is configured
through a meta tag), and images from the maps' tile server; plugins may add other sources through
the ``content_security_sources`` hook.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from litestar.datastructures import MutableScopeHeaders

if TYPE_CHECKING:
    from litestar.types import Message, Scope

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
NEVER_WIDENED = {"script-src", "style-src", "frame-ancestors", "base-uri", "form-action"}


def tile_origin(template: str) -> str:
    """The origin to allow in ``img-src`` for a tile URL template ("{s}" subdomains become "*")."""
    if not template:
        return ""
    parts = urlsplit(template.replace("{s}", "*"))
    if parts.scheme not in {"http", "https"} or not parts.netloc or "{" in parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def map_sources(tile_url: str) -> dict[str, list[str]]:
    """Map tiles are images only: scripts and styles stay the site's own."""
    origin = tile_origin(tile_url)
    return {"img-src": [origin]} if origin else {}


def content_security_policy(extra: Iterable[Mapping[str, Sequence[str]] | None]) -> str:
    """The site's policy plus the sources plugins declared."""
    policy = {directive: list(sources) for directive, sources in BASE_POLICY.items()}
    for declared in extra:
        for directive, sources in (declared or {}).items():
            if directive in NEVER_WIDENED:
                continue  # every script and style is served by the site itself
            policy.setdefault(directive, ["'self'"])
            policy[directive] += [s for s in sources if s not in policy[directive]]
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


def security_headers(development: bool, csp: str) -> Callable[[Message, Scope], Awaitable[None]]:
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
