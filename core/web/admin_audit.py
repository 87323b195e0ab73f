"""The audit log in the back office: administrators browse and filter it; nobody edits it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from parvis import audit
from parvis.formatting import site_timezone
from parvis.i18n import _
from parvis.web.guards import admin
from parvis.web.listing import paginate
from parvis.web.render import page as render_page
from parvis.web.types import DB, FromQuery


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _start_of(day: date | None) -> datetime | None:
    """Midnight of ``day`` in the site's time zone, as UTC (filters are local days)."""
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=site_timezone()).astimezone(UTC)


class AuditController(Controller):
    path = "/admin/audit"
    guards = [admin]

    @get("/", name="audit")
    def index(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        *,
        who: FromQuery[str] = "",
        action: FromQuery[str] = "",
        target: FromQuery[str] = "",
        since: FromQuery[str] = "",
        until: FromQuery[str] = "",
        page: FromQuery[int] = 1,
    ) -> Template:
        first, last = _day(since), _day(until)
        filters = audit.Filters(
            actor=who.strip()[:100],
            action=action.strip()[:64],
            target=target.strip()[:100],
            since=_start_of(first),
            until=_start_of(last + timedelta(days=1)) if last else None,
        )
        listing = paginate(db, audit.query(filters), page)
        query = {
            "who": filters.actor,
            "action": filters.action,
            "target": filters.target,
            "since": first.isoformat() if first else "",
            "until": last.isoformat() if last else "",
        }
        return render_page(
            request,
            "admin/audit.html",
            listing=listing,
            query=query,
            actions=audit.actions(db),
            title=_("Audit log"),
        )
