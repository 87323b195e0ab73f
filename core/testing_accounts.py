"""Accounts in tests: ``make_account`` (an account with a person, roles and a known password) and
``audit_entries`` (the audit log's entries, to check an action left exactly one). Registered by
``parvis.testing`` (which re-exports these names)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import auth
from parvis.db import utcnow
from parvis.identity import Account, NationalityGroup, Person, RoleGrant
from parvis.testing_web import TEST_PASSWORD


@pytest.fixture
def make_account(db: Session) -> Callable[..., Account]:
    counter = iter(range(1, 1_000_000))

    def factory(
        *roles: str,
        email: str | None = None,
        body_roles: dict[int, str] | None = None,
        district_roles: dict[str, str] | None = None,
        verified: bool = True,
        **facts: Any,
    ) -> Account:
        n = next(counter)
        person = Person(
            given_name=facts.pop("given_name", f"Test{n}"),
            family_name=facts.pop("family_name", "Person"),
            birth_date=facts.pop("birth_date", date(1990, 5, 17)),
            nationality_group=facts.pop("nationality_group", NationalityGroup.FRENCH),
            resident=facts.pop("resident", True),
            district=facts.pop("district", "11"),
            **facts,
        )
        account = Account(
            email=email or f"user{n}@example.org",
            display_name=person.full_name,
            password_hash=auth.hash_password(TEST_PASSWORD),
            email_verified_at=utcnow() if verified else None,
            person=person,
            roles=[RoleGrant(role=r) for r in roles]
            + [RoleGrant(role=r, body_id=b) for b, r in (body_roles or {}).items()]
            + [RoleGrant(role=r, district=d) for d, r in (district_roles or {}).items()],
        )
        db.add(account)
        db.commit()
        return account

    return factory


def audit_entries(db: Session, action: str = "") -> list[Any]:
    """The audit log's entries (oldest first), those whose action starts with ``action`` if given:
    ``[e] = audit_entries(db, "budget."); assert (e.action, e.target_id) == (...)``."""
    from parvis.audit import AuditEvent

    db.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action.startswith(action, autoescape=True))
    return list(db.scalars(query))
