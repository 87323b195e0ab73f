"""In-app notifications: recorded for every follower in the transaction of the change they tell.

``notify`` is what a plugin or a core service calls when something happened to an object; the
notifications are rows of the caller's transaction (rolled back with it), and the mail job
(``core.notification_mail``) is started in the same transaction for those who want mail at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from parvis import content
from parvis.auth import Actor
from parvis.content import ContentRef
from parvis.identity import Account
from parvis.notifications.follows import followers
from parvis.notifications.models import Frequency, Notification
from parvis.notifications.preferences import frequencies

if TYPE_CHECKING:
    from parvis.site import Site

MAIL_JOB = "parvis_notification_mail_job"
TOLD = "parvis_notified"  # (ref, account id) told in the session's current transaction


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_told(session: Session) -> None:
    session.info.pop(TOLD, None)


IMMEDIATE_JOB = "core.notification_mail"


def _actor_account(actor: Actor | Account | None) -> Account | None:
    return actor.account if isinstance(actor, Actor) else actor


def notify(
    db: Session,
    site: Site,
    ref: ContentRef,
    event: str,
    *,
    actor: Actor | Account | None = None,
    detail: str = "",
    recipients: Iterable[int] | None = None,
    exclude: Iterable[int] = (),
    mail: bool = True,
) -> int:
    """Tell the followers of ``ref`` (or the accounts ``recipients``) that ``event`` happened;
    never the ``actor`` who made it, nor the accounts in ``exclude`` (told otherwise).

    ``event`` is one of ``parvis.notifications.events`` (``"status_changed"``, ``"reply"``...);
    ``detail`` the message id of the new state's label for a state change. Followers are told
    even when the object has left public view (a mission cancelled): they followed it while it
    was public (the follow button refuses others) or took part in it. An account already told
    about ``ref`` in this transaction is not told again (a plugin's own notice, then the workflow
    move that caused it).
    ``mail=False`` records in-app notifications only (the caller mails them itself). Returns the
    number of notifications recorded.
    """
    item = content.load(db, site, ref)
    if item is None:
        return 0
    account = _actor_account(actor)
    skip = set(exclude) | ({account.id} if account is not None else set())
    wanted = list(recipients) if recipients is not None else followers(db, ref)
    told: set[tuple[str, int]] = db.info.setdefault(TOLD, set())
    chosen = sorted({a for a in wanted if a not in skip and (str(ref), a) not in told})
    if not chosen:
        return 0
    told.update((str(ref), a) for a in chosen)
    now = site.now()
    chosen_frequency = frequencies(db, chosen)
    for account_id in chosen:
        never = not mail or chosen_frequency[account_id] == Frequency.NEVER
        db.add(
            Notification(
                account_id=account_id,
                content_kind=ref.kind,
                content_key=ref.key,
                event=event[:40],
                title=item.title[:300],
                path=item.path[:300],
                detail=str(detail)[:300],
                actor_name=(account.display_name if account is not None else "")[:120],
                created_at=now,
                mailed_at=now if never else None,
            )
        )
    if mail and any(chosen_frequency[a] == Frequency.IMMEDIATELY for a in chosen):
        mail_after_commit(db, site)
    return len(chosen)


def mail_after_commit(db: Session, site: Site) -> None:
    """Start the immediate notification mail job in ``db``'s transaction (once per transaction)."""
    from parvis.jobs.launch import start

    started = db.info.get(MAIL_JOB)
    if started is not None and started in db:
        return
    db.info[MAIL_JOB] = start(db, site, IMMEDIATE_JOB, unique_key="immediate", join_running=False)


def unread_count(db: Session, account: Account | int | None) -> int:
    """The header's counter: one indexed count."""
    if account is None:
        return 0
    account_id = account if isinstance(account, int) else account.id
    return int(
        db.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.account_id == account_id, Notification.read_at.is_(None))
        )
        or 0
    )


def latest(
    db: Session, account: Account, *, limit: int = 100, kinds: Iterable[str] | None = None
) -> list[Notification]:
    """An account's notifications, newest first; only about objects of ``kinds`` if given (a
    plugin's own page listing what happened to its objects)."""
    query = select(Notification).where(Notification.account_id == account.id)
    if kinds is not None:
        query = query.where(Notification.content_kind.in_(list(kinds)))
    return list(
        db.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit))
    )


def mark_read(
    db: Session,
    site: Site,
    account: Account,
    notification_id: int | None = None,
    *,
    kinds: Iterable[str] | None = None,
) -> int:
    """Mark one notification (or all, or all about objects of ``kinds``) of ``account`` as read;
    returns how many changed."""
    query = update(Notification).where(Notification.account_id == account.id, Notification.read_at.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    if kinds is not None:
        query = query.where(Notification.content_kind.in_(list(kinds)))
    done = db.execute(query.values(read_at=site.now()).execution_options(synchronize_session=False))
    return int(done.rowcount)  # type: ignore[attr-defined]  # .rowcount: an UPDATE gives a CursorResult


def describe(notifications: Iterable[Notification]) -> list[dict[str, Any]]:
    """Sentences and links for a page or a mail, in the current language."""
    from parvis.notifications.events import sentence

    return [{"notification": n, "sentence": sentence(n), "path": n.path} for n in notifications]
