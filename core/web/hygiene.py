"""Input hygiene, once for every route: control characters in text are refused with a 400.

A NUL byte or another control character (tab, line feed and carriage return excepted) has no
place in text a person typed; PostgreSQL refuses NUL in text (a crash, before this check) and
SQLite stores it as is, to resurface in exports and e-mails. Lone surrogates (text that is not
valid Unicode) cannot be stored either. This middleware checks the path, the query string and
the text fields of form-encoded, multipart (not the files' contents) and JSON bodies, before
any handler runs, and answers a translated 400 naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import msgspec
from litestar.enums import RequestEncodingType, ScopeType

from parvis.i18n import _
from parvis.refusals import Invalid

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

# C0 controls but tab, LF and CR; DEL and the C1 controls; UTF-16 surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def has_control_characters(text: str) -> bool:
    return FORBIDDEN.search(text) is not None


def _strings(value: Any, name: str = "") -> Iterator[tuple[str, str]]:
    """(field name, text) for every string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield name, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key), str(key)
            yield from _strings(item, str(key))
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, name)


def refuse(field: str) -> Invalid:
    message = _(
        "Some of the information sent contains a control character (such as NUL) that cannot be used."
    )
    if field:
        message = _(
            "The field “{field}” contains a control character (such as NUL) that cannot be used."
        ).format(field=field)
    return Invalid(message, field=field or None)


async def _body_fields(scope: Scope, receive: Receive) -> Iterator[tuple[str, str]]:
    request: Any = scope["litestar_app"].request_class(scope=scope, receive=receive)
    content_type, _options = request.content_type
    if content_type in {RequestEncodingType.URL_ENCODED, RequestEncodingType.MULTI_PART}:
        form = await request.form()
        fields = [(str(k), v) for k, v in form.multi_items() if isinstance(v, str)]
        return iter(fields + [(str(k), str(k)) for k in form])
    if content_type == "application/json" or content_type.endswith("+json"):
        body = await request.body()
        try:
            decoded = msgspec.json.decode(body) if body else None
        except msgspec.DecodeError:
            return iter(())  # not JSON: the handler refuses it
        return _strings(decoded)
    return iter(())


def hygiene_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        if has_control_characters(scope.get("path", "")):
            raise refuse("")
        query = scope.get("query_string", b"").decode("utf-8", "replace")
        if query:
            for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
                if has_control_characters(name) or has_control_characters(value):
                    raise refuse(name if not has_control_characters(name) else "")
        if scope["method"] in BODY_METHODS:
            for name, value in await _body_fields(scope, receive):
                if has_control_characters(value):
                    raise refuse(name if not has_control_characters(name) else "")
        await app(scope, receive, send)

    return middleware
