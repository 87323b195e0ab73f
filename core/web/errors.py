"""Error responses: a translated page for people, a JSON reason for API clients, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotAuthorizedException, ValidationException
from litestar.response import Redirect
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from parvis.i18n import _, current_locale, current_site_text
from parvis.refusals import Refused
from parvis.web.context import preferred_locale
from parvis.web.observability import request_id_of
from parvis.web.render import Deferred, ThreadedTemplate, is_htmx

log = logging.getLogger("parvis.web")


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("This request could not be understood"), _("Some of the information sent is not valid.")),
        401: (_("Please sign in"), _("Please sign in to continue.")),
        403: (_("Access refused"), _("You do not have access to this page.")),
        404: (_("Page not found"), _("This page does not exist or is no longer available.")),
        405: (_("Not allowed"), _("This action is not possible here.")),
        409: (_("Not possible"), _("This was changed by someone else; please try again.")),
        413: (_("Too large"), _("The file sent is too large.")),
        429: (_("Too many attempts"), _("Please wait a few minutes before trying again.")),
        500: (
            _("Something went wrong"),
            _("An unexpected error occurred. It has been logged; please try again later."),
        ),
    }


def _wants_json(request: Request[Any, Any, Any]) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


def _ensure_locale(request: Request[Any, Any, Any]) -> None:
    """Errors get the visitor's language, whether raised before the request middleware ran (404s)
    or after it reset the locale on the way out."""
    state = request.scope.get("state", {}).get("parvis")
    site = request.app.state.site
    # The site's words and own translations too (the request's block may have ended).
    current_site_text.set(site.text)
    if state is not None:
        current_locale.set(state.locale)
        return
    first = request.url.path.strip("/").split("/", 1)[0]
    accept = request.headers.get("accept-language", "")
    locale = first if first in site.locales else preferred_locale(site, request.cookies, accept)
    current_locale.set(locale)


def handle_refusal(request: Request[Any, Any, Any], refusal: Refused) -> Response[Any]:
    """Roll the unit of work back, then answer: the page the handler chose with ``on_refusal``,
    else a page saying why, or a JSON reason for API clients (with the refusal's ``headers``,
    such as ``Retry-After``, if it has any)."""
    state = request.scope.get("state", {}).get("parvis")
    if state is not None:
        # Rolling back and re-rendering the handler's form use the database: not on the event loop.
        return Deferred(lambda: _with_headers(_refusal_response(request, refusal, state), refusal))
    return _with_headers(_refusal_response(request, refusal, None), refusal)


def _with_headers(response: Response[Any], refusal: Refused) -> Response[Any]:
    for name, value in getattr(refusal, "headers", {}).items():
        response.headers[name] = value
    return response


def _refusal_response(request: Request[Any, Any, Any], refusal: Refused, state: Any) -> Response[Any]:
    if state is not None:
        state.rollback()
        if state.refusal_renderer is not None and not _wants_json(request):
            response = state.refusal_renderer(refusal)
            if not (is_htmx(request) and 300 <= response.status_code < 400):
                return response
            # An htmx request would follow the redirect and lose the refusal: it gets the reason.
    status = refusal.status_code
    title = _messages().get(status, _messages()[400])[0]
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "error": title, "detail": refusal.message}
        if refusal.field:
            body["field"] = refusal.field
        if refusal.details is not None:
            body["details"] = refusal.details
        if refusal.link is not None:
            body["link"] = refusal.link[1]
        return Response(body, status_code=status, media_type=MediaType.JSON)
    context = {"status": status, "title": title, "text": refusal.message, "link": refusal.link}
    return ThreadedTemplate(
        template_name="error.html", context={**context, **_error_context(request)}, status_code=status
    )


def handle_exception(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    _ensure_locale(request)
    if isinstance(exc, Refused):
        return handle_refusal(request, exc)
    if isinstance(exc, HTTPException):
        status = exc.status_code
        detail = exc.detail if exc.detail and not _is_generic(exc) else None
        if status >= 500:  # a template that does not render, a misconfigured route: our bug
            log.error("Error on %s %s", request.method, request.url.path, exc_info=exc)
            detail = None
    elif _out_of_range(exc):
        status, detail = 400, _("A number in this address is too large.")
    else:
        log.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        status, detail = HTTP_500_INTERNAL_SERVER_ERROR, None
    if detail == "CSRF token verification failed":
        detail = _("This form has expired. Please reload the page and submit it again.")
    title, default_text = _messages().get(status, _messages()[400 if status < 500 else 500])
    text = detail or default_text
    if isinstance(exc, ValidationException):
        text = _("Some of the information sent is not valid.")
    if _wants_json(request):
        body: dict[str, Any] = {
            "status": status,
            "error": title,
            "detail": text,
            "request_id": request_id_of(request.scope),
        }
        return Response(body, status_code=status, media_type=MediaType.JSON)
    if status == 403 and request.method == "GET" and _awaiting_two_factor(request):
        from urllib.parse import quote

        locale = request.scope["state"]["parvis"].locale
        return Redirect(path=f"/{locale}/account/two-factor?next={quote(request.url.path)}", status_code=303)
    if (
        isinstance(exc, NotAuthorizedException)
        and request.method == "GET"
        and "parvis" in request.scope["state"]
    ):
        state = request.scope["state"]["parvis"]
        return Redirect(path=f"/{state.locale}/login?next={request.url.path}", status_code=303)
    return ThreadedTemplate(
        template_name="error.html",
        context={"status": status, "title": title, "text": text, **_error_context(request)},
        status_code=status,
    )


def _awaiting_two_factor(request: Request[Any, Any, Any]) -> bool:
    """Staff refused only because the site requires two-factor authentication they have not set up."""
    state = request.scope.get("state", {}).get("parvis")
    actor = getattr(state, "_actor", None)  # as loaded by the guard (never loaded here)
    return bool(actor is not None and actor.awaiting_two_factor)


def _out_of_range(exc: Exception) -> bool:
    """A number too large for the database (an id or page number typed by hand): SQLite's driver
    raises OverflowError, PostgreSQL's NumericValueOutOfRange. The request is bad, not the site."""
    if isinstance(exc, OverflowError):
        return True
    return type(getattr(exc, "orig", None)).__name__ == "NumericValueOutOfRange"


def _is_generic(exc: HTTPException) -> bool:
    """Litestar's own English defaults ("Not Found") are replaced by our translated text."""
    from http import HTTPStatus

    try:
        return exc.detail == HTTPStatus(exc.status_code).phrase
    except ValueError:
        return False


def _error_context(request: Request[Any, Any, Any]) -> dict[str, Any]:
    from parvis.brand import site_brand
    from parvis.i18n import language_name

    site = request.app.state.site
    locale = current_locale.get()
    return {
        "site": site,
        "city": site.config.site.city_name(locale),
        "locale": locale,
        "layout": "base.html",
        "actor": None,
        "menu": [],
        "footer": [],  # no database on an error page: base.html links the accessibility statement
        "flash": None,
        "csrf_token": "",
        "csrf_input": "",
        "languages": [
            {"code": c, "name": language_name(c), "href": f"/{c}/", "current": c == locale}
            for c in site.locales
        ],
        "url": lambda path="/", **_q: f"/{locale}{path}",
        "current_path": request.url.path,
        "request_id": request_id_of(request.scope),
        "brand": site_brand(site.config),  # the site's look on error pages too (no database)
    }
