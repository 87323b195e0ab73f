"""Standalone debates: an official opens one in a space (a body, a campaign), people comment while
it is open, and an official writes the closing summary at the end."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import audit
from parvis.auth import Actor
from parvis.comments.models import Debate
from parvis.comments.registry import Space, debate_spaces
from parvis.content import ContentItem
from parvis.formatting import format_datetime
from parvis.i18n import _
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site

DEBATE = "comments.debate"


class DebateRefused(Refused):
    """Not allowed (403) or not consistent (400, naming the form field at fault)."""


def space_of(db: Session, site: Site, kind: str, key: str) -> Space:
    from litestar.exceptions import NotFoundException

    declared = debate_spaces(site).get(kind)
    space = declared.load(db, site, key) if declared is not None else None
    if space is None:
        raise NotFoundException()
    return space


def may_open(db: Session, site: Site, actor: Actor, space: Space) -> bool:
    return actor.authenticated and debate_spaces(site)[space.kind].may_open(db, site, actor, space)


def _require(db: Session, site: Site, actor: Actor, space: Space) -> None:
    if not may_open(db, site, actor, space):
        raise DebateRefused(_("Only the officials in charge open and close debates here."), status_code=403)


def open_debate(
    db: Session,
    site: Site,
    actor: Actor,
    space: Space,
    *,
    question: str,
    opening_text: str,
    opens_at: datetime,
    closes_at: datetime,
) -> Debate:
    """An official opens a debate in ``space`` (audited); comments run from ``opens_at`` to ``closes_at``."""
    _require(db, site, actor, space)
    if closes_at <= opens_at:
        raise DebateRefused(_("The debate must close after it opens."), "closes_at", status_code=400)
    if closes_at <= site.now():
        raise DebateRefused(_("The closing date is already past."), "closes_at", status_code=400)
    debate = Debate(
        space_kind=space.kind,
        space_key=space.key,
        question=question.strip(),
        opening_text=opening_text.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        created_by_id=actor.account.id if actor.account else None,
        created_at=site.now(),
    )
    db.add(debate)
    db.flush()
    audit.record(
        db, site, "comments.debate.open", actor=actor, target=debate, space=f"{space.kind}:{space.key}"
    )
    return debate


def close_debate(db: Session, site: Site, actor: Actor, debate: Debate, summary: str) -> None:
    """Write the closing summary; a debate still open closes now (audited)."""
    space = space_of(db, site, debate.space_kind, debate.space_key)
    _require(db, site, actor, space)
    text = summary.strip()
    if not text:
        raise DebateRefused(_("Write the closing summary."), "summary", status_code=400)
    now = site.now()
    if now < debate.closes_at:
        debate.closes_at = max(now, debate.opens_at)
    debate.closing_summary = text
    debate.summary_at = now
    audit.record(db, site, "comments.debate.close", actor=actor, target=debate)


def debate_by_public_id(db: Session, public_id: str) -> Debate:
    from litestar.exceptions import NotFoundException

    debate = db.scalar(select(Debate).where(Debate.public_id == public_id))
    if debate is None:
        raise NotFoundException()
    return debate


def debates_in(db: Session, space: Space, *, include_future: bool = False, now: datetime) -> list[Debate]:
    """The space's debates, the latest opened first (those not yet open only for its officials)."""
    query = select(Debate).where(Debate.space_kind == space.kind, Debate.space_key == space.key)
    if not include_future:
        query = query.where(Debate.opens_at <= now)
    return list(db.scalars(query.order_by(Debate.opens_at.desc(), Debate.id.desc())))


def _debate_of(db: Session, item: ContentItem) -> Debate:
    return debate_by_public_id(db, item.ref.key)


def may_comment(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    debate = _debate_of(db, item)
    now = site.now()
    if now < debate.opens_at:
        return _("This debate opens on {date}.").format(date=format_datetime(debate.opens_at, site=site))
    if now >= debate.closes_at:
        return _("This debate is closed.")
    return None


def may_answer(db: Session, site: Site, actor: Actor, item: ContentItem) -> bool:
    debate = _debate_of(db, item)
    return may_open(db, site, actor, space_of(db, site, debate.space_kind, debate.space_key))
