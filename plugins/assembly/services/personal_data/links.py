"""What links the Assembly's rows to a person: seats, the answers behind them, applications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from parvis.api import (
    Account,
    Person,
)
from parvis.api.bodies import College, Membership, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyInvitee,
    AssemblyResponse,
    AssemblySeat,
)

if TYPE_CHECKING:
    pass


# -- what links to the person -------------------------------------------------------------------


def seats_of(db: Session, person: Person | None) -> list[Row[AssemblySeat, Membership, str, str]]:
    """The person's seats: rows of (``AssemblySeat``, ``Membership``, ``promotion``, ``college``)."""
    if person is None:
        return []
    rows = db.execute(
        select(AssemblySeat, Membership, Term.label.label("promotion"), College.name.label("college"))
        .join(Membership, Membership.id == AssemblySeat.membership_id)
        .join(Term, Term.id == Membership.term_id)
        .outerjoin(College, College.id == Membership.college_id)
        .where(Membership.person_id == person.id)
        .order_by(Term.starts_on, AssemblySeat.id)
    )
    return list(rows)


def answers_of(db: Session, seats: list[AssemblySeat]) -> list[Row[AssemblyResponse, AssemblyInvitee]]:
    """The answers behind the seats: rows of (``AssemblyResponse``, ``AssemblyInvitee``)."""
    if not seats:
        return []
    conditions = [
        (AssemblyResponse.promotion_id == s.promotion_id) & (AssemblyResponse.pool_id == s.pool_id)
        for s in seats
    ]
    rows = db.execute(
        select(AssemblyResponse, AssemblyInvitee)
        .join(AssemblyInvitee, AssemblyInvitee.id == AssemblyResponse.invitee_id)
        .where(or_(*conditions))
        .order_by(AssemblyResponse.answered_at)
    )
    return list(rows)


def applications_matching(account: Account | None, person: Person | None) -> Any:
    conditions = []
    if account is not None:
        conditions.append(AssemblyApplication.account_id == account.id)
    if person is not None:
        conditions.append(AssemblyApplication.person_id == person.id)
    return or_(*conditions) if conditions else None
