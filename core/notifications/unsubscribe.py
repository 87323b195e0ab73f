"""One-click unsubscribe (RFC 8058): a signed token per account and list, and the mail headers.

Every message to an account carries ``List-Unsubscribe: <https://.../unsubscribe/TOKEN>`` and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``. The token is an HMAC of the account and
the list under a key derived from the site's secret key: it needs no table, never expires, and
leaving a list twice is harmless. Newsletters name the newsletters list; every other message the
notifications list. Transactional mail (password reset, sign-in codes) is sent whatever the
account chose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache
from typing import TYPE_CHECKING

from parvis.notifications.preferences import LISTS, NEWSLETTERS, NOTIFICATIONS

if TYPE_CHECKING:
    from parvis.site import Site

NEWSLETTER_KIND = "mail/newsletter"  # the outbox kind of newsletters (their template)


@cache
def _key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"parvis.unsubscribe", hashlib.sha256).digest()


def _secret(site: Site) -> bytes:
    from parvis.web.secrets import secret_key

    return _key(secret_key(site.config.server.secret_key_file))


def _signature(site: Site, payload: str) -> str:
    digest = hmac.new(_secret(site), payload.encode(), hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token(site: Site, account_id: int, which: str) -> str:
    """``<account>-<n|l>-<signature>``: ``n`` for notifications, ``l`` for newsletters."""
    payload = f"{account_id}-{'l' if which == NEWSLETTERS else 'n'}"
    return f"{payload}-{_signature(site, payload)}"


def read(site: Site, value: str) -> tuple[int, str] | None:
    """The account and list a token names, or None when it is not one of ours."""
    parts = (value or "").split("-")
    if len(parts) != 3 or not parts[0].isdigit() or parts[1] not in ("n", "l") or len(value) > 80:
        return None
    payload = f"{parts[0]}-{parts[1]}"
    if not hmac.compare_digest(parts[2], _signature(site, payload)):
        return None
    return int(parts[0]), NEWSLETTERS if parts[1] == "l" else NOTIFICATIONS


def list_of(kind: str) -> str:
    """Which list a message of the outbox ``kind`` belongs to."""
    return NEWSLETTERS if kind == NEWSLETTER_KIND else NOTIFICATIONS


def link(site: Site, account_id: int, which: str, locale: str) -> str:
    from parvis.mail.outbox import absolute_url

    assert which in LISTS
    return absolute_url(site, locale, f"/unsubscribe/{token(site, account_id, which)}")


def headers(url: str) -> dict[str, str]:
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
