"""Logs: one JSON object per line in production, readable lines in development, a request id on
every line written while a request is served.

The request id comes from the request's ``X-Request-ID`` header when it is well-formed (a reverse
proxy's, so its access log and ours share the id), else it is generated; it is sent back in the
``X-Request-ID`` response header and shown on error pages, so a resident can quote it.

The JSON formatter is a few lines of the standard library: every record gives ``time`` (UTC,
ISO 8601), ``level``, ``logger``, ``message``, ``request_id`` when there is one, ``exception``
(the traceback) when there is one, and the ``extra={...}`` fields it was logged with.
"""

from __future__ import annotations

import json
import logging
import logging.config
import re
import secrets
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

request_id: ContextVar[str | None] = ContextVar("parvis_request_id", default=None)

REQUEST_ID_HEADER = "x-request-id"
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
# The attributes every LogRecord has: anything else was given with ``extra=``.
# uvicorn adds ``color_message`` (the message with terminal colours) to its own records.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    "color_message",
}


def new_request_id() -> str:
    return secrets.token_hex(16)


def accept_request_id(value: str | None) -> str:
    """The incoming id if it is well-formed (8 to 128 letters, digits, ``._:-``), else a new one."""
    if value and _WELL_FORMED.fullmatch(value):
        return value
    return new_request_id()


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (the current request's id, or "-")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id.get()
        if rid and rid != "-":
            entry["request_id"] = rid
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        return json.dumps(entry, ensure_ascii=False, default=str)


TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s"


def logging_config(json_lines: bool, level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for Parvis and uvicorn (``uvicorn.run(log_config=...)``)."""
    formatter: dict[str, Any] = {"()": "parvis.logs.JsonFormatter"} if json_lines else {"format": TEXT_FORMAT}
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "parvis",
        "filters": ["request_id"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "parvis.logs.RequestIdFilter"}},
        "formatters": {"parvis": formatter},
        "handlers": {"parvis": handler},
        "root": {"handlers": ["parvis"], "level": level},
        "loggers": {
            # uvicorn's own loggers go through the same handler (one format in the log).
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level, "propagate": True},
        },
    }


def wants_json(log_format: str, development: bool) -> bool:
    """``log_format`` "json" or "text"; "auto" is JSON in production, text in development."""
    if log_format == "auto":
        return not development
    return log_format == "json"


def configure_logging(json_lines: bool, level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(json_lines, level))
