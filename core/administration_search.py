"""The back office's account search: filters on names, e-mail addresses, district, site role and
status, and the bodies offered in its forms."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, contains_eager, selectinload

from parvis.bodies.models import Body
from parvis.identity import Account, Person, RoleGrant


@dataclass(frozen=True, slots=True)
class Filters:
    text: str = ""  # words found in a name or an e-mail address
    district: str = ""
    role: str = ""  # a site role
    status: str = ""  # "active" or "disabled"


def _like(word: str) -> str:
    return "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_query(filters: Filters) -> Select[Account]:
    """Accounts matching every word of ``filters.text`` in their or their person's names and
    e-mail addresses, and the other filters; by name."""
    query = (
        select(Account)
        .outerjoin(Person, Person.id == Account.person_id)
        .options(contains_eager(Account.person), selectinload(Account.roles))
    )
    for word in filters.text.split()[:5]:
        pattern = _like(word)
        columns = (Account.display_name, Account.email, Person.given_name, Person.family_name, Person.email)
        query = query.where(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    if filters.district:
        query = query.where(Person.district == filters.district)
    if filters.role:
        granted = select(RoleGrant.account_id).where(
            RoleGrant.role == filters.role, RoleGrant.body_id.is_(None), RoleGrant.district.is_(None)
        )
        query = query.where(Account.id.in_(granted))
    if filters.status in ("active", "disabled"):
        query = query.where(Account.active.is_(filters.status == "active"))
    return query.order_by(func.lower(Account.display_name), Account.id)


def body_choices(db: Session) -> list[tuple[str, str]]:
    return [(b.slug, b.name) for b in db.scalars(select(Body).order_by(Body.name))]
