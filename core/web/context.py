"""Per-request context: language, database session and the current actor.

An ASGI middleware (after routing, so path parameters are known) sets the locale from the URL
prefix, opens a database session lazily and closes it once the response — templates included —
has been sent, and loads the signed-in account from the session cookie.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from babel import negotiate_locale
from litestar.exceptions import NotFoundException
from sqlalchemy.orm import Session

from parvis import db as dbmod
from parvis import i18n
from parvis.auth import ANONYMOUS, SESSION_COOKIE, Actor, account_for_token, load_actor
from parvis.site import Site
from parvis.web.unit_of_work import current_request_state

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ASGIApp, Receive, Scope, Send

LOCALE_COOKIE = "parvis_locale"


class RequestState:
    """Lazily opened resources of one request, kept in ``scope["state"]["parvis"]``."""

    __slots__ = ("_actor", "_db", "locale", "refusal_renderer", "site", "token")

    def __init__(self, site: Site, locale: str, token: str | None) -> None:
        self.site = site
        self.locale = locale
        self.token = token
        self._db: Session | None = None
        self._actor: Actor | None = None
        # Set by parvis.web.unit_of_work.on_refusal: how to answer if the request is refused.
        self.refusal_renderer: Any = None

    @property
    def db(self) -> Session:
        if self._db is None:
            self._db = self.site.session()
        return self._db

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            account = account_for_token(self.db, self.token) if self.token else None
            self._actor = load_actor(self.db, account, self.site.today()) if account else ANONYMOUS
        return self._actor

    def forget_actor(self) -> None:
        self._actor = None

    @property
    def opened(self) -> bool:
        """Whether this request used the database."""
        return self._db is not None

    def in_transaction(self) -> bool:
        return self._db is not None and self._db.in_transaction()

    def commit(self) -> None:
        if self._db is not None:
            self._db.commit()

    def rollback(self) -> None:
        if self._db is not None:
            self._db.rollback()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def preferred_locale(site: Site, cookies: dict[str, str], accept_language: str) -> str:
    """The visitor's language: cookie, then Accept-Language, then the site default."""
    locales = site.locales
    if cookies.get(LOCALE_COOKIE) in locales:
        return cookies[LOCALE_COOKIE]
    wanted = [
        part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",") if part.strip()
    ]
    return negotiate_locale(wanted, locales, sep="_") or site.config.site.default_locale


def state_of(request: Request[Any, Any, Any]) -> RequestState:
    return request.scope["state"]["parvis"]


def request_context_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        from litestar.connection import ASGIConnection

        connection: ASGIConnection[Any, Any, Any, Any] = ASGIConnection(scope)
        site: Site = scope["litestar_app"].state.site
        lang = scope.get("path_params", {}).get("lang")
        if lang is not None and lang not in site.locales:
            raise NotFoundException()
        cookies = connection.cookies
        locale = lang or preferred_locale(site, cookies, connection.headers.get("accept-language", ""))
        state = RequestState(site, locale, cookies.get(SESSION_COOKIE))
        scope.setdefault("state", {})["parvis"] = state
        state_token = current_request_state.set(state)
        locale_token = i18n.current_locale.set(locale)
        intent_token = dbmod.sqlite_write_intent.set(scope["method"] not in {"GET", "HEAD", "OPTIONS"})
        try:
            with site.activate():
                await app(scope, receive, send)
        finally:
            state.close()
            current_request_state.reset(state_token)
            i18n.current_locale.reset(locale_token)
            dbmod.sqlite_write_intent.reset(intent_token)

    return middleware


def provide_db(request: Request[Any, Any, Any]) -> Session:
    return state_of(request).db


def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    return state_of(request).actor


def provide_site(request: Request[Any, Any, Any]) -> Site:
    return state_of(request).site
