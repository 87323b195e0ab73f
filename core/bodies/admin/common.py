"""What every page of the bodies' back office shares: the guard, finding a body and its rows or
answering 404, and the edit page of any row.

Site-wide officials manage every body; an official of one body (``RoleGrant(role="official",
body_id=...)``) passes the controllers' guard and every handler then checks the body itself with
``guards.check(state, "core.manage_bodies", body)`` (``body_or_404``), so they reach only their own
body.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler
from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.models import Body, Meeting, Term
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.context import RequestState, state_of
from parvis.web.forms import BoundForm
from parvis.web.guards import allowed, check, require_signed_in
from parvis.web.render import page
from parvis.web.types import AnyRequest

MANAGE = "core.manage_bodies"
PATH = "/admin/bodies"
MAX_ID = 2**31 - 1  # larger ids in a URL are simply not found (PostgreSQL integers are 32-bit)


def manages_bodies(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Guard: officials of the whole site, or of at least one body (handlers then check that body)."""
    require_signed_in(connection)
    state: RequestState = connection.scope["state"]["parvis"]
    if allowed(state, MANAGE):
        return
    body_ids = list(state.actor.body_roles)
    if body_ids and any(
        allowed(state, MANAGE, body) for body in state.db.scalars(select(Body).where(Body.id.in_(body_ids)))
    ):
        return
    raise PermissionDeniedException(_("You do not have access to this page."))


# The route x role test reads the action a guard checks (site-wide officials and admins pass).
manages_bodies.action = MANAGE  # type: ignore[attr-defined]


def body_or_404(request: AnyRequest, db: Session, slug: str) -> Body:
    """The body of the path, which the visitor must manage."""
    body = services.body_by_slug(db, slug)
    if body is None:
        raise NotFoundException()
    check(state_of(request), MANAGE, body)
    return body


def owned(request: AnyRequest, db: Session, slug: str, model: Any, item_id: int) -> tuple[Body, Any]:
    """The body of the path and its row of ``model`` (404 otherwise: ids of other bodies are not
    reachable)."""
    body = body_or_404(request, db, slug)
    item = db.get(model, item_id) if 0 < item_id <= MAX_ID else None
    if item is None or item.body_id != body.id:
        raise NotFoundException()
    return body, item


def meeting_or_404(request: AnyRequest, db: Session, slug: str, public_id: str) -> tuple[Body, Meeting]:
    """The body of the path and its meeting ``public_id``."""
    body = body_or_404(request, db, slug)
    meeting = db.scalar(select(Meeting).where(Meeting.public_id == public_id, Meeting.body_id == body.id))
    if meeting is None:
        raise NotFoundException()
    return body, meeting


def base(body: Body) -> str:
    """The path of a body's back office; its sections are below it."""
    return f"{PATH}/{body.slug}"


def term_or_default(request: AnyRequest, db: Session, body: Body, term_id: int | None) -> Term | None:
    """The body's term of that id, else the one shown by default (the current or next one)."""
    if term_id is not None and 0 < term_id <= MAX_ID:
        term = db.get(Term, term_id)
        if term is not None and term.body_id == body.id:
            return term
    return services.default_term(db, body, state_of(request).site.today())


def id_or_none(value: str | None) -> int | None:
    return int(value) if value else None


def edit_page(
    request: AnyRequest,
    body: Body,
    section: str,
    item_path: str,
    form: BoundForm,
    *,
    heading: str,
    refusal: Refused | None = None,
    **context: Any,
) -> Template:
    """The edit page of a row of ``section``, posted to ``item_path`` (below the body's path)."""
    return page(
        request,
        "bodies/admin/edit.html",
        body=body,
        section=section,
        form=form,
        action=f"{base(body)}{item_path}",
        back=f"{base(body)}/{section}",
        heading=heading,
        refusal=refusal,
        title=heading,
        person=context.pop("person", None),
        meeting=context.pop("meeting", None),
        **context,
    )
