"""The site's cookies: one place for their names and attributes.

In production every cookie is ``Secure``, ``Path=/``, host-only, and named with the ``__Host-``
prefix, which browsers accept only from a secure origin for the whole host: a neighbouring
subdomain (or a network attacker on plain http) cannot plant or overwrite one, e.g. to fix a
session or a CSRF token. Development on http://localhost keeps plain names without ``Secure``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from litestar.datastructures import Cookie

if TYPE_CHECKING:
    from litestar import Response

    from parvis.site import Site

SESSION = "parvis_session"
CSRF = "parvis_csrf"
LOCALE = "parvis_locale"
FLASH = "parvis_flash"
CODE_STEP = "parvis_signin"  # the half-signed-in state between the password and the code
UNLOCKED = "parvis_unlocked"  # a browser its owner unlocked with a mailed link

HOST_PREFIX = "__Host-"


def production(site: Site) -> bool:
    return not site.config.server.development


def name(site: Site, base: str) -> str:
    """The cookie's name on this site: ``__Host-parvis_session`` in production."""
    return f"{HOST_PREFIX}{base}" if production(site) else base


def read(site: Site, cookies: Mapping[str, str], base: str) -> str | None:
    return cookies.get(name(site, base))


def make(
    site: Site,
    base: str,
    value: str,
    *,
    max_age: int | None = None,
    httponly: bool = True,
    samesite: Literal["lax", "strict", "none"] = "lax",
) -> Cookie:
    return Cookie(
        key=name(site, base),
        value=value,
        path="/",
        secure=production(site),
        httponly=httponly,
        samesite=samesite,
        max_age=max_age,
    )


def expired(site: Site, base: str) -> Cookie:
    """A cookie that deletes ``base`` (with the attributes a ``__Host-`` cookie must keep)."""
    return Cookie(
        key=name(site, base),
        value="",
        path="/",
        secure=production(site),
        httponly=True,
        samesite="lax",
        max_age=0,
        expires=0,
    )


def delete(response: Response[Any], site: Site, *bases: str) -> None:
    for base in bases:
        response.set_cookie(expired(site, base))
