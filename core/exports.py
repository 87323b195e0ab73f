"""Downloads: one way to build a CSV file and to send any file, for core and every plugin.

- ``csv_text(header, rows)``: UTF-8 text, comma-separated, CRLF line ends (RFC 4180), every
  cell passed through ``safe_cell``: text a spreadsheet would run as a formula (starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, so a name
  typed by a resident or read from an imported roll never runs in an official's spreadsheet
  (CSV injection). Numbers stay numbers, even negative ones.
- ``download(content, filename, media_type)``: the response, with an RFC 6266
  ``Content-Disposition`` (an ASCII ``filename`` for old clients and the exact UTF-8
  ``filename*``) and ``Cache-Control: private, no-store`` (downloads hold data not to be cached
  by proxies); ``csv_response`` and ``json_response`` are its two common cases.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from litestar import Response

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """A value as a CSV cell: None empty, booleans as true/false, dates in ISO 8601, and text
    that a spreadsheet would run as a formula neutralised with a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_text(header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266: an ASCII fallback name (accents dropped, quotes and separators replaced) and
    the exact name in UTF-8 (RFC 5987) for every current browser."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    plain = re.sub(r'["\\/;\x00-\x1f\x7f]', "_", plain).strip() or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download(
    content: bytes | str,
    filename: str,
    media_type: str,
    *,
    inline: bool = False,
    headers: dict[str, str] | None = None,
) -> Response[Any]:
    """A file for the browser to save (``inline``: to show, such as a PDF)."""
    return Response(
        content,
        media_type=media_type,
        headers={
            "content-disposition": content_disposition(filename, inline=inline),
            "cache-control": "private, no-store",
            **(headers or {}),
        },
    )


def csv_response(text: str, filename: str, *, headers: dict[str, str] | None = None) -> Response[Any]:
    return download(text, filename, "text/csv; charset=utf-8", headers=headers)


def json_response(value: Any, filename: str) -> Response[Any]:
    """``value`` (JSON-ready, or bytes already encoded) as a JSON file to save."""
    content = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False, indent=2)
    return download(content, filename, "application/json")


__all__ = ["content_disposition", "csv_response", "csv_text", "download", "json_response", "safe_cell"]
