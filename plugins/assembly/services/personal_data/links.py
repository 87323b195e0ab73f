"""What links the Assembly's rows to a person: seats, the answers behind them, applications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
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


def seats_of(db: Session, person: Person | None) -> list[tuple[AssemblySeat, Membership, str, str]]:
    if person is None:
        return []
    rows = db.execute(
        select(AssemblySeat, Membership, Term.label, College.name)
        .join(Membership, Membership.id == AssemblySeat.membership_id)
        .join(Term, Term.id == Membership.term_id)
        .outerjoin(College, College.id == Membership.college_id)
        .where(Membership.person_id == person.id)
        .order_by(Term.starts_on, AssemblySeat.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def answers_of(db: Session, seats: list[AssemblySeat]) -> list[tuple[AssemblyResponse, AssemblyInvitee]]:
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
    return [tuple(row) for row in rows]  # type: ignore[misc]


def applications_matching(account: Account | None, person: Person | None) -> Any:
    conditions = []
    if account is not None:
        conditions.append(AssemblyApplication.account_id == account.id)
    if person is not None:
        conditions.append(AssemblyApplication.person_id == person.id)
    return or_(*conditions) if conditions else None
