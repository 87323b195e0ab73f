"""The public right-to-follow-up tracker: which decisions a visitor sees, filtered and summarised.

Pages, the printable report and the open-data exports all read the same rows from here, so they
can never disagree. A body holds tens to a few hundred decisions, so filtering and the
accent-insensitive search run in Python after one query.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from parvis.bodies.models import Body, Term
from parvis.decisions.models import Decision, FollowUp, FollowUpStatus
from parvis.decisions.registry import registry
from parvis.decisions.workflow import State
from parvis.i18n import N_, _

if TYPE_CHECKING:
    from parvis.site import Site

# Tracker statuses besides the follow-up ones: decisions not (yet) followed up.
AWAITING, CLOSED = "awaiting", "closed"
EXTRA_STATUS_LABELS = {
    AWAITING: N_("Awaiting the City's decision"),
    CLOSED: N_("Not adopted or withdrawn"),
}
# Order used by the summary chart and the filters: finished first, then under way, then waiting.
STATUS_ORDER = [
    FollowUpStatus.DONE.value,
    FollowUpStatus.PARTIALLY_DONE.value,
    FollowUpStatus.IN_PROGRESS.value,
    FollowUpStatus.NOT_STARTED.value,
    FollowUpStatus.ABANDONED.value,
    AWAITING,
    CLOSED,
]


def status_label(code: str) -> str:
    labels = {**{s.value: s.label for s in FollowUpStatus}, **EXTRA_STATUS_LABELS}
    return _(labels.get(code, code))


@dataclass(frozen=True, slots=True)
class Filters:
    term: str | None = None  # a term label ("2023-24")
    status: str | None = None
    topic: str | None = None
    department: str | None = None
    q: str | None = None

    @property
    def active(self) -> bool:
        return any((self.term, self.status, self.topic, self.department, self.q))


@dataclass(frozen=True, slots=True)
class Row:
    decision: Decision
    state: State
    followup: FollowUp | None
    status: str
    overdue: bool

    @property
    def progress(self) -> int:
        return self.followup.progress if self.followup else 0


@dataclass(slots=True)
class Tracker:
    body: Body
    rows: list[Row]
    all_rows: list[Row]
    terms: list[Term]
    topics: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)

    def counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status, in chart order (zero counts included)."""
        counted = Counter(row.status for row in self.rows)
        return [(code, status_label(code), counted.get(code, 0)) for code in STATUS_ORDER]

    def count(self, code: str) -> int:
        return sum(1 for row in self.rows if row.status == code)

    def followup_counts(self) -> list[tuple[str, str, int]]:
        """The chart's bars: follow-up statuses only."""
        return [c for c in self.counts() if c[0] not in (AWAITING, CLOSED)]

    @property
    def tracked(self) -> int:
        return sum(1 for row in self.rows if row.followup is not None and row.state.followup)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue)


def fold(text: str) -> str:
    """Lower case without accents, so "renovation" finds « rénovation »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def row_for(site: Site, decision: Decision, today: date) -> Row | None:
    """The decision as the public sees it, or None when its state is not public."""
    workflow = registry(site).workflow_of(decision)
    state = workflow.state(decision.state)
    if state is None or not state.public:
        return None
    followup = decision.followup if state.followup else None
    if state.followup:
        status = (followup.status if followup else FollowUpStatus.NOT_STARTED).value
    else:
        status = CLOSED if state.final else AWAITING
    overdue = bool(followup and followup.is_overdue(today))
    return Row(decision, state, followup, status, overdue)


def _matches(row: Row, filters: Filters) -> bool:
    decision, followup = row.decision, row.followup
    if filters.term and decision.term.label != filters.term:
        return False
    if filters.status and row.status != filters.status:
        return False
    if filters.topic and decision.topic != filters.topic:
        return False
    if filters.department and (followup is None or followup.department != filters.department):
        return False
    if filters.q:
        haystack = " ".join(
            [decision.title, decision.summary, decision.reference, decision.topic]
            + ([followup.response, followup.department, followup.elected_official] if followup else [])
        )
        return all(word in fold(haystack) for word in fold(filters.q).split())
    return True


def public_decisions(db: Session, body: Body) -> list[Decision]:
    return list(
        db.scalars(
            select(Decision)
            .where(Decision.body_id == body.id)
            .options(
                selectinload(Decision.followup),
                selectinload(Decision.term),
                selectinload(Decision.milestones),
            )
            .join(Term, Term.id == Decision.term_id)
            .order_by(Term.starts_on.desc(), Decision.reference, Decision.id)
        )
    )


def build(db: Session, site: Site, body: Body, filters: Filters, today: date) -> Tracker:
    rows = [r for d in public_decisions(db, body) if (r := row_for(site, d, today)) is not None]
    return Tracker(
        body=body,
        rows=[r for r in rows if _matches(r, filters)],
        all_rows=rows,
        terms=sorted(
            {r.decision.term.id: r.decision.term for r in rows}.values(),
            key=lambda t: t.starts_on,
            reverse=True,
        ),
        topics=sorted({r.decision.topic for r in rows if r.decision.topic}, key=fold),
        departments=sorted(
            {r.followup.department for r in rows if r.followup and r.followup.department}, key=fold
        ),
    )
