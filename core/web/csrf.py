"""CSRF tokens bound to the session: Litestar's middleware, with the signature keyed per session.

Litestar's CSRF middleware is a signed double-submit cookie: the token (random part + HMAC of the
site's secret) is set in a cookie and must come back in the ``x-csrftoken`` header (htmx sends it
from ``<body hx-headers>``) or the ``_csrf_token`` form field. On its own, any valid pair works
for anyone holding it. Here the HMAC key also covers the session cookie (or "anonymous" before
sign-in), so a token issued to one session, or to a visitor before they signed in, fails for any
other session; the token rotates at sign-in and sign-out, since the session cookie changes then.
A page with a cookie that does not match its session (the previous session's) gets a fresh one.
"""

from __future__ import annotations

import hashlib
import hmac
from secrets import compare_digest
from typing import TYPE_CHECKING, Any

from litestar.config.csrf import CSRFConfig
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware._utils import should_bypass_middleware
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, CSRFMiddleware, generate_csrf_hash
from litestar.utils.scope.state import ScopeState

from parvis.web import cookies as site_cookies

if TYPE_CHECKING:
    from litestar.datastructures import Cookie
    from litestar.types import ASGIApp, Receive, Scope, Send

    from parvis.site import Site

ANONYMOUS = "anonymous"


def binding(session_token: str | None) -> str:
    """What a token is bound to: a digest of the session cookie, or "anonymous"."""
    return hashlib.sha256(session_token.encode()).hexdigest() if session_token else ANONYMOUS


def bound_secret(secret: str, session_token: str | None) -> str:
    return hmac.new(secret.encode(), binding(session_token).encode(), hashlib.sha256).hexdigest()


def new_token(secret: str, session_token: str | None) -> str:
    """A token for the session of ``session_token`` (None: a visitor not signed in)."""
    import secrets

    random_part = secrets.token_hex(CSRF_SECRET_LENGTH // 2)
    return random_part + generate_csrf_hash(token=random_part, secret=bound_secret(secret, session_token))


def valid_for(token: str | None, secret: str, session_token: str | None) -> bool:
    if not token or len(token) < CSRF_SECRET_LENGTH + 1:
        return False
    random_part, signature = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    expected = generate_csrf_hash(token=random_part, secret=bound_secret(secret, session_token))
    return compare_digest(signature, expected)


def cookie_for(site: Site, secret: str, session_token: str | None) -> tuple[str, Cookie]:
    """A new token and its cookie, e.g. for the response that signs someone in."""
    token = new_token(secret, session_token)
    return token, site_cookies.make(site, site_cookies.CSRF, token)


class SessionBoundCSRFMiddleware(CSRFMiddleware):
    """``CSRFMiddleware`` whose tokens are valid for one session only (see the module)."""

    def __init__(self, app: ASGIApp, config: CSRFConfig, session_cookie: str) -> None:
        super().__init__(app, config)
        self.session_cookie = session_cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or should_bypass_middleware(
            scope=scope,
            scopes=self.scopes,
            exclude_opt_key=self.config.exclude_from_csrf_key,
            exclude_path_pattern=self.exclude,
        ):
            await self.app(scope, receive, send)
            return
        request: Any = scope["litestar_app"].request_class(scope=scope, receive=receive)
        session_token = request.cookies.get(self.session_cookie)
        secret = self.config.secret
        csrf_cookie = request.cookies.get(self.config.cookie_name)
        state = ScopeState.from_scope(scope)
        if request.method in self.config.safe_methods:
            if valid_for(csrf_cookie, secret, session_token):
                state.csrf_token = csrf_cookie
                await self.app(scope, receive, send)
            else:  # none yet, or one of another session: issue this session's
                token = state.csrf_token = new_token(secret, session_token)
                await self.app(
                    scope, receive, self.create_send_wrapper(send=send, token=token, csrf_cookie=None)
                )
            return
        sent = request.headers.get(self.config.header_name)
        content_type, _params = request.content_type
        if not sent and content_type in {RequestEncodingType.URL_ENCODED, RequestEncodingType.MULTI_PART}:
            sent = (await request.form()).get("_csrf_token")
        if (
            isinstance(sent, str)
            and csrf_cookie is not None
            and compare_digest(sent, csrf_cookie)
            and valid_for(sent, secret, session_token)
        ):
            state.csrf_token = sent
            await self.app(scope, receive, send)
            return
        raise PermissionDeniedException("CSRF token verification failed")


def csrf_middleware(site: Site, secret: str) -> Any:
    """The middleware definition for the app (outside the handlers, inside the request context)."""
    from litestar.middleware.base import DefineMiddleware

    config = CSRFConfig(
        secret=secret,
        cookie_name=site_cookies.name(site, site_cookies.CSRF),
        cookie_secure=site_cookies.production(site),
        cookie_samesite="lax",
        cookie_httponly=True,  # htmx takes the token from the page, no script reads the cookie
        cookie_path="/",
        # Static files must not race the page for the CSRF cookie (each would mint a token).
        exclude=["/static/", "/healthz", "/readyz", "/metrics"],
    )
    return DefineMiddleware(
        SessionBoundCSRFMiddleware,
        config=config,
        session_cookie=site_cookies.name(site, site_cookies.SESSION),
    )
