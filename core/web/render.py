"""Rendering pages: the common context every template gets, htmx partials, flashes and redirects."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from anyio.to_thread import run_sync
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.response import Redirect, Template
from litestar.utils.scope.state import ScopeState
from markupsafe import Markup

from parvis.brand import site_brand
from parvis.i18n import language_name
from parvis.web import cookies as site_cookies
from parvis.web.context import state_of
from parvis.web.navigation import MenuItem
from parvis.web.unit_of_work import current_request_state

if TYPE_CHECKING:
    from litestar.types import Receive, Scope, Send

FLASH_COOKIE = site_cookies.FLASH


def is_htmx(request: Request[Any, Any, Any]) -> bool:
    """An htmx request that wants a fragment (not a boosted full-page navigation)."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"  # the back button needs the whole page
    )


def url(request: Request[Any, Any, Any], path: str = "/", locale: str | None = None, **query: Any) -> str:
    """A page path in the current (or given) language: url(request, "/budget") -> "/fr/budget"."""
    lang = locale or state_of(request).locale
    target = f"/{lang}{path if path.startswith('/') else '/' + path}"
    if target.endswith("/") and len(target) > 1 + len(lang) + 1:
        target = target.rstrip("/")
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return target + ("?" + urlencode(clean, doseq=True) if clean else "")


def alternate_urls(request: Request[Any, Any, Any]) -> list[dict[str, Any]]:
    """The same page in every language, for the language switcher and hreflang links."""
    state = state_of(request)
    path = request.url.path
    parts = path.split("/", 2)
    rest = "/" + parts[2] if len(parts) > 2 else "/"
    query = request.url.query
    return [
        {
            "code": code,
            "name": language_name(code),
            "href": f"/{code}{rest if rest != '/' else '/'}" + (f"?{query}" if query else ""),
            "current": code == state.locale,
        }
        for code in state.site.locales
    ]


def flash(response: Redirect | Template, message: str, category: str = "success") -> None:
    """Show a message on the next page (set on the redirect that follows a form)."""
    value = quote(json.dumps([category, message]))
    state = current_request_state.get()
    if state is None:  # outside a request: development naming
        response.set_cookie(Cookie(key=FLASH_COOKIE, value=value, path="/", httponly=True, samesite="lax"))
        return
    response.set_cookie(site_cookies.make(state.site, FLASH_COOKIE, value))


def _take_flash(request: Request[Any, Any, Any]) -> tuple[str, str] | None:
    raw = site_cookies.read(state_of(request).site, request.cookies, FLASH_COOKIE)
    if not raw:
        return None
    try:
        from urllib.parse import unquote

        category, message = json.loads(unquote(raw))
    except (ValueError, TypeError):
        return None
    return str(category), str(message)


def menu(request: Request[Any, Any, Any], area: str = "main") -> list[MenuItem]:
    site = state_of(request).site
    items = [item for items in site.hook.menu_items(request=request) for item in items or ()]
    return sorted((i for i in items if i.area == area), key=lambda item: (item.order, item.label))


class ThreadedTemplate(Template):
    """A template response rendered in a worker thread when it is sent.

    Rendering may touch the database (a lazy-loaded relationship, a menu hook) and is CPU work of
    a few milliseconds: on the event loop either would hold up every other request of the worker.
    """

    def to_asgi_response(self, app: Any, request: Request[Any, Any, Any], **kwargs: Any) -> Any:
        render = partial(self.render_now, app, request, **kwargs)

        async def send_rendered(scope: Scope, receive: Receive, send: Send) -> None:
            response = await run_sync(render)
            await response(scope, receive, send)

        return send_rendered

    def render_now(self, app: Any, request: Request[Any, Any, Any], **kwargs: Any) -> Any:
        """Render in the calling thread (Litestar's own ``Template.to_asgi_response``)."""
        return super().to_asgi_response(app, request, **kwargs)


class Deferred(Response[Any]):
    """A response built, and rendered, in a worker thread when it is sent.

    For exception handlers, which Litestar calls on the event loop: ``build`` may roll back the
    unit of work and render a page from the request's objects (a refused form).
    """

    def __init__(self, build: Callable[[], Response[Any]]) -> None:
        super().__init__(content=None)
        self.build = build

    def to_asgi_response(self, app: Any, request: Request[Any, Any, Any], **kwargs: Any) -> Any:
        def make() -> Any:
            response = self.build()
            if isinstance(response, ThreadedTemplate):
                return response.render_now(app, request, **kwargs)
            return response.to_asgi_response(app, request, **kwargs)

        async def send_built(scope: Scope, receive: Receive, send: Send) -> None:
            response = await run_sync(make)
            await response(scope, receive, send)

        return send_built


class Page(ThreadedTemplate):
    """A template response whose ``csrf_input`` is markup, so templates write ``{{ csrf_input }}``."""

    def create_template_context(self, request: Request[Any, Any, Any]) -> dict[str, Any]:
        context = super().create_template_context(request)
        token = csrf_token(request)
        context["csrf_token"] = token
        context["csrf_input"] = Markup('<input type="hidden" name="_csrf_token" value="{}">').format(token)
        return context


def csrf_token(request: Request[Any, Any, Any]) -> str:
    """The token Litestar's CSRF middleware issued for this request (cookie-paired, HMAC-signed)."""
    token = ScopeState.from_scope(request.scope).csrf_token
    return token if isinstance(token, str) else ""


def page(
    request: Request[Any, Any, Any], template: str, *, status_code: int = 200, **context: Any
) -> Template:
    """Render a page; an htmx request gets only the ``content`` block (the same route serves both)."""
    state = state_of(request)
    flashed = _take_flash(request)
    common = {
        "site": state.site,
        "city": state.site.config.site.city_name(state.locale),
        "actor": state.actor,
        "locale": state.locale,
        "languages": alternate_urls(request),
        "menu": menu(request),
        "footer": menu(request, "footer"),
        "flash": flashed,
        "layout": "partial.html" if is_htmx(request) else "base.html",
        "url": lambda path="/", **query: url(request, path, **query),
        "current_path": request.url.path,
        # Called by the templates that show them (in the rendering thread): the header's counter
        # and the follow button (parvis.notifications).
        "unread_notifications": partial(_unread_notifications, state),
        "following": partial(_following, state),
        # The site's brand (parvis.brand): its style sheet and logo.
        "brand": site_brand(state.site.config),
    }
    response = Page(template_name=template, context={**common, **context}, status_code=status_code)
    site = state.site
    if flashed:
        site_cookies.delete(response, site, FLASH_COOKIE)
    remembered = site_cookies.read(site, request.cookies, site_cookies.LOCALE)
    if remembered != state.locale and request.path_params.get("lang"):
        response.set_cookie(
            site_cookies.make(site, site_cookies.LOCALE, state.locale, max_age=365 * 86400, httponly=False)
        )
    return response


def _unread_notifications(state: Any) -> int:
    from parvis.notifications.notices import unread_count

    return unread_count(state.db, state.actor.account) if state.actor.authenticated else 0


def _following(state: Any, ref: Any) -> bool:
    from parvis.content import ContentRef
    from parvis.notifications.follows import is_following

    if not state.actor.authenticated:
        return False
    return is_following(
        state.db, state.actor.account, ref if isinstance(ref, ContentRef) else ContentRef.parse(str(ref))
    )


def redirect(
    request: Request[Any, Any, Any], path: str, message: str | None = None, **query: Any
) -> Redirect:
    """Post/redirect/get: 303 to a page in the current language, with an optional flash message.

    htmx follows the redirect itself and swaps the target with the new page's fragment.
    """
    response = Redirect(path=url(request, path, **query), status_code=303)
    if message:
        flash(response, message)
    return response
