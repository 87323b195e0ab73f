"""Follows: an account follows an object (a ``ContentRef``) to be told when it moves.

``follow`` is idempotent and safe under concurrency (a savepoint absorbs the duplicate), so a
plugin may call it from any action (an idea submitted, a vote, a sign-up, a comment).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.content import ContentRef
from parvis.identity import Account
from parvis.notifications.models import Follow

CHOSE = "chose"  # the person pressed "Follow"
CREATED = "created"
VOTED = "voted"
COMMENTED = "commented"
APPLIED = "applied"
REASONS = (CHOSE, CREATED, VOTED, COMMENTED, APPLIED)


def _account_id(account: Account | int) -> int:
    return account if isinstance(account, int) else account.id


def follow(db: Session, account: Account | int, ref: ContentRef, *, reason: str = CHOSE) -> bool:
    """Make ``account`` follow ``ref``; True when it did not already. In the caller's transaction."""
    account_id = _account_id(account)
    if is_following(db, account_id, ref):
        return False
    try:
        with db.begin_nested():
            db.add(
                Follow(
                    account_id=account_id,
                    content_kind=ref.kind,
                    content_key=ref.key,
                    reason=reason if reason in REASONS else CHOSE,
                )
            )
    except IntegrityError:  # followed meanwhile by a concurrent request
        return False
    return True


def unfollow(db: Session, account: Account | int, ref: ContentRef) -> bool:
    """Stop following; True when the account was following."""
    gone = db.execute(
        delete(Follow)
        .where(
            Follow.account_id == _account_id(account),
            Follow.content_kind == ref.kind,
            Follow.content_key == ref.key,
        )
        .execution_options(synchronize_session=False)
    )
    return bool(gone.rowcount)  # type: ignore[attr-defined]  # .rowcount: a DELETE gives a CursorResult


def is_following(db: Session, account: Account | int | None, ref: ContentRef) -> bool:
    if account is None:
        return False
    return (
        db.scalar(
            select(Follow.id).where(
                Follow.account_id == _account_id(account),
                Follow.content_kind == ref.kind,
                Follow.content_key == ref.key,
            )
        )
        is not None
    )


def followers(db: Session, ref: ContentRef) -> list[int]:
    """The ids of the active accounts following ``ref``."""
    return list(
        db.scalars(
            select(Follow.account_id)
            .join(Account, Account.id == Follow.account_id)
            .where(Follow.content_kind == ref.kind, Follow.content_key == ref.key, Account.active)
            .order_by(Follow.account_id)
        )
    )
