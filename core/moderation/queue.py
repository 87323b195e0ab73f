"""What moderators see: the queue (reported and pre-moderated content, oldest first), one
entry with its reports, content and author, and the hidden content they may restore."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.orm import Session

from parvis import content
from parvis.content import ContentItem, ContentRef
from parvis.i18n import _
from parvis.identity import Account
from parvis.moderation.models import ContentReport, ModerationState, Status

if TYPE_CHECKING:
    from parvis.site import Site

QUEUE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Entry:
    state: ModerationState
    item: ContentItem | None  # None: the content was deleted since
    kind_label: str
    reports: list[ContentReport]
    author: Account | None

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """(translated reason, count) of the open reports, most frequent first."""
        counts = Counter(r.reason for r in self.reports)
        return [(_(reason.label), n) for reason, n in counts.most_common()]


def _entry(db: Session, site: Site, found: ModerationState) -> Entry:
    kind = content.kinds(site).get(found.content_kind)
    reports = list(
        db.scalars(
            select(ContentReport)
            .where(
                ContentReport.content_kind == found.content_kind,
                ContentReport.content_key == found.content_key,
                ContentReport.resolved_at.is_(None),
            )
            .order_by(ContentReport.created_at, ContentReport.id)
        )
    )
    return Entry(
        state=found,
        item=content.load(db, site, found.ref),
        kind_label=str(kind.label) if kind is not None else found.content_kind,
        reports=reports,
        author=db.get(Account, found.author_account_id) if found.author_account_id else None,
    )


def _scoped(query: Any, districts: frozenset[str] | None, where: Any = None) -> Any:
    if where is not None:
        query = query.where(where)
    return query if districts is None else query.where(ModerationState.district.in_(districts))


def scope(
    districts: frozenset[str] | None, by_kind: dict[str, frozenset[str] | None]
) -> ColumnElement[bool] | None:
    """The states a moderator sees: ``districts`` (None: everywhere) where they moderate every
    kind, and, for kinds they moderate through the kind's ``moderated_by`` action, ``by_kind``
    {kind: districts (None: everywhere)}. None: no restriction."""
    if districts is None:
        return None
    clauses: list[ColumnElement[bool]] = [ModerationState.district.in_(districts)] if districts else []
    for kind, where in by_kind.items():
        if where is None:
            clauses.append(ModerationState.content_kind == kind)
        elif where:
            clauses.append(and_(ModerationState.content_kind == kind, ModerationState.district.in_(where)))
    return or_(*clauses) if clauses else false()


def waiting(
    db: Session, site: Site, districts: frozenset[str] | None = None, *, where: Any = None
) -> list[Entry]:
    """Content waiting for a moderator (reported, or awaiting approval), oldest first; only
    ``districts``' content for a district's moderators (None: everywhere), and only what
    ``where`` (a ``scope``) keeps."""
    query = select(ModerationState).where(ModerationState.queued_at.is_not(None))
    query = _scoped(query, districts, where).order_by(ModerationState.queued_at, ModerationState.id)
    return [_entry(db, site, s) for s in db.scalars(query.limit(QUEUE_LIMIT))]


def hidden(
    db: Session, site: Site, districts: frozenset[str] | None = None, *, where: Any = None
) -> list[Entry]:
    """Content a moderator hid, most recent decision first (to restore it if need be)."""
    query = select(ModerationState).where(ModerationState.status == Status.HIDDEN)
    query = _scoped(query, districts, where).order_by(ModerationState.decided_at.desc(), ModerationState.id)
    return [_entry(db, site, s) for s in db.scalars(query.limit(QUEUE_LIMIT))]


def entry(db: Session, site: Site, ref: ContentRef) -> Entry | None:
    found = db.scalar(
        select(ModerationState).where(
            ModerationState.content_kind == ref.kind, ModerationState.content_key == ref.key
        )
    )
    return _entry(db, site, found) if found is not None else None
