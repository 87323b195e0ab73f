"""Per-request context: language, database session and the current actor.

An ASGI middleware (after routing, so path parameters are known) sets the locale from the URL
prefix, opens a database session lazily and closes it once the response — templates included —
has been sent, and loads the signed-in account from the session cookie.

Nothing here touches the database on the event loop: a query can wait on a row lock (or on
SQLite's write lock, or on a free connection of the pool), and a wait on the loop stalls every
request of the worker. The actor is loaded in a worker thread by the guards (``await
load_actor(state)``); the session is closed in a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anyio.to_thread import run_sync
from babel import negotiate_locale
from litestar.enums import ScopeType
from litestar.exceptions import NotFoundException
from sqlalchemy.orm import Session

from parvis import db as dbmod
from parvis import i18n
from parvis.auth import ANONYMOUS, Actor, account_for_token, load_actor
from parvis.site import Site
from parvis.web import cookies as site_cookies
from parvis.web.unit_of_work import current_request_state

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import ASGIApp, Receive, Scope, Send

LOCALE_COOKIE = site_cookies.LOCALE  # its name on a site: site_cookies.name(site, LOCALE_COOKIE)


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
        # Set when mail was queued in a transaction of its own (parvis.ratelimit): deliver it too.

    @property
    def db(self) -> Session:
        if self._db is None:
            self._db = self.site.session()
        return self._db

    @property
    def actor(self) -> Actor:
        if self._actor is None:
            account = account_for_token(self.db, self.token) if self.token else None
            actor = load_actor(self.db, account, self.site.today()) if account else ANONYMOUS
            if actor.staff and not actor.two_factor and self.site.config.security.two_factor_for_staff:
                actor = actor.without_staff_roles()  # until they enrol (parvis.web.two_factor)
            self._actor = actor
        return self._actor

    async def load_actor(self) -> Actor:
        """The actor, loaded in a worker thread if that needs the database (for coroutines)."""
        if self._actor is None:
            if self.token:
                await run_sync(lambda: self.actor)
            else:
                self._actor = ANONYMOUS
        assert self._actor is not None
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

    def holds_connection(self) -> bool:
        """Whether closing the session may talk to the database (a transaction was begun)."""
        return self._db is not None and self._db.in_transaction()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    async def aclose(self) -> None:
        """Close the session; returning its connection rolls back, so do it in a worker thread."""
        if self.holds_connection():
            await run_sync(self.close)
        else:
            self.close()


def preferred_locale(site: Site, cookies: dict[str, str], accept_language: str) -> str:
    """The visitor's language: cookie, then Accept-Language, then the site default."""
    locales = site.locales
    remembered = site_cookies.read(site, cookies, site_cookies.LOCALE)
    if remembered in locales:
        return remembered
    wanted = [
        part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",") if part.strip()
    ]
    return negotiate_locale(wanted, locales, sep="_") or site.config.site.default_locale


def state_of(request: Request[Any, Any, Any]) -> RequestState:
    return request.scope["state"]["parvis"]


def request_context_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
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
        state = RequestState(site, locale, site_cookies.read(site, cookies, site_cookies.SESSION))
        scope.setdefault("state", {})["parvis"] = state
        state_token = current_request_state.set(state)
        locale_token = i18n.current_locale.set(locale)
        intent_token = dbmod.sqlite_write_intent.set(scope["method"] not in {"GET", "HEAD", "OPTIONS"})
        try:
            with site.activate():
                await app(scope, receive, send)
        finally:
            await state.aclose()
            current_request_state.reset(state_token)
            i18n.current_locale.reset(locale_token)
            dbmod.sqlite_write_intent.reset(intent_token)

    return middleware


def provide_db(request: Request[Any, Any, Any]) -> Session:
    return state_of(request).db


async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    return await state_of(request).load_actor()
