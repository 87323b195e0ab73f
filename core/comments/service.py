"""Posting, editing, deleting, agreeing with and reading comments (``parvis.api.comments``).

Services check who may act and raise ``Refused``; they never commit (the unit of work does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import audit
from parvis.auth import Actor
from parvis.comments.models import Comment, CommentRevision, CommentVote
from parvis.comments.registry import commenting
from parvis.content import ContentItem, ContentRef, load
from parvis.db import rows_affected
from parvis.i18n import _
from parvis.refusals import Invalid, Refused

if TYPE_CHECKING:
    from parvis.moderation.models import ModerationState
    from parvis.site import Site

EDIT_WINDOW = timedelta(minutes=15)
MAX_LENGTH = 5000
NEWEST, AGREED = "newest", "agreed"
SORTS = (NEWEST, AGREED)


class CommentRefused(Refused):
    """Not possible now (409), not allowed (403) or not valid (400, naming the ``body`` field)."""


def item_of(db: Session, site: Site, ref: ContentRef) -> ContentItem:
    """The public item a comment is about; a 404 refusal when missing, hidden or not opted in."""
    from litestar.exceptions import NotFoundException

    item = load(db, site, ref)
    if item is None or not item.public or ref.kind not in commenting(site):
        raise NotFoundException()
    return item


def thread_path(site: Site, item: ContentItem) -> str:
    """Where an object's thread is read: its own page, or the thread's page when the object's
    page does not show it (``Commenting.on_page``)."""
    declared = commenting(site).get(item.ref.kind)
    if declared is not None and not declared.on_page:
        return f"/comments/{item.ref.kind}/{item.ref.key}"
    return item.path


def refusal_reason(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    """None if the actor may comment on the item now, else why not (shown instead of the form)."""
    if not actor.authenticated:
        return _("Sign in to comment.")
    return commenting(site)[item.ref.kind].may_comment(db, site, actor, item)


def may_answer(db: Session, site: Site, actor: Actor, item: ContentItem) -> bool:
    """Whether the actor's comments on the item may be marked as the official answer."""
    return actor.authenticated and commenting(site)[item.ref.kind].may_answer(db, site, actor, item)


def _clean(text: str) -> str:
    body = (text or "").strip()
    if not body:
        raise CommentRefused(_("Write your comment."), "body", status_code=400)
    if len(body) > MAX_LENGTH:
        raise CommentRefused(
            _("A comment has at most {count} characters.").format(count=MAX_LENGTH), "body", status_code=400
        )
    return body


def post_comment(
    db: Session,
    site: Site,
    actor: Actor,
    ref: ContentRef,
    text: str,
    *,
    reply_to: Comment | None = None,
    official: bool = False,
    language: str = "",
) -> Comment:
    """Publish a comment on the object ``ref`` points at (a reply when ``reply_to`` is given: a
    reply to a reply attaches to its top-level comment). ``official`` marks an official answer
    (only for those ``may_answer``; audited). Returns the new comment, flushed."""
    item = item_of(db, site, ref)
    reason = refusal_reason(db, site, actor, item)
    if reason is not None:
        raise CommentRefused(reason, status_code=403 if actor.authenticated else 401)
    body = _clean(text)
    parent_id = None
    if reply_to is not None:
        if (reply_to.content_kind, reply_to.content_key) != (ref.kind, ref.key):
            raise Invalid(_("This reply does not belong to this conversation."))
        parent_id = reply_to.parent_id or reply_to.id
    if official and not may_answer(db, site, actor, item):
        raise CommentRefused(_("Only the City's officials give an official answer."), status_code=403)
    assert actor.account is not None
    comment = Comment(
        content_kind=ref.kind,
        content_key=ref.key,
        parent_id=parent_id,
        author_account_id=actor.account.id,
        author_name=actor.account.display_name,
        body=body,
        language=language,
        official=official,
        created_at=site.now(),
    )
    db.add(comment)
    db.flush()
    if official:
        audit.record(db, site, "comments.official_answer", actor=actor, target=comment, about=str(ref))
    _tell_the_conversation(db, site, actor, comment, reply_to=reply_to)
    return comment


def _tell_the_conversation(
    db: Session, site: Site, actor: Actor, comment: Comment, *, reply_to: Comment | None
) -> None:
    """Core's other services on a new comment: moderation refuses a blocked author and holds a
    pre-moderated kind for approval; the commenter follows the object, whose followers are told,
    and so is the author of the comment answered."""
    from parvis.comments.content import COMMENT  # (it imports this module)
    from parvis.moderation.service import submitted
    from parvis.notifications import COMMENT as COMMENTED_ON
    from parvis.notifications import COMMENTED, OFFICIAL_ANSWER, REPLY, follow, notify

    assert actor.account is not None
    ref = ref_of(comment)
    submitted(db, site, ContentRef(COMMENT, comment.public_id), author_account_id=actor.account.id)
    follow(db, actor.account.id, ref, reason=COMMENTED)
    answered = [reply_to.author_account_id] if reply_to is not None and reply_to.author_account_id else []
    if answered:
        notify(db, site, ref, REPLY, actor=actor, recipients=answered)
    event = OFFICIAL_ANSWER if comment.official else COMMENTED_ON
    notify(db, site, ref, event, actor=actor, exclude=answered)


def comment_by_public_id(db: Session, public_id: str) -> Comment:
    from litestar.exceptions import NotFoundException

    comment = db.scalar(select(Comment).where(Comment.public_id == public_id))
    if comment is None:
        raise NotFoundException()
    return comment


def ref_of(comment: Comment) -> ContentRef:
    return ContentRef(comment.content_kind, comment.content_key)


def _own(actor: Actor, comment: Comment) -> None:
    if actor.account is None or comment.author_account_id != actor.account.id:
        raise CommentRefused(_("Only its author may change a comment."), status_code=403)
    if comment.deleted:
        raise CommentRefused(_("This comment has been deleted."))


def may_edit(actor: Actor, comment: Comment, now: datetime) -> bool:
    return (
        actor.account is not None
        and comment.author_account_id == actor.account.id
        and not comment.deleted
        and now < comment.created_at + EDIT_WINDOW
    )


def edit_comment(db: Session, site: Site, actor: Actor, comment: Comment, text: str) -> Comment:
    """The author changes the text within 15 minutes of posting; the former text is kept."""
    _own(actor, comment)
    now = site.now()
    if now >= comment.created_at + EDIT_WINDOW:
        raise CommentRefused(
            _("A comment can be changed only in the {minutes} minutes after it is published.").format(
                minutes=int(EDIT_WINDOW.total_seconds() // 60)
            )
        )
    body = _clean(text)
    if body == comment.body:
        return comment
    comment.revisions.append(
        CommentRevision(
            body=comment.body, written_at=comment.edited_at or comment.created_at, replaced_at=now
        )
    )
    comment.body = body
    comment.edited_at = now
    db.flush()
    return comment


def delete_comment(db: Session, site: Site, actor: Actor, comment: Comment) -> None:
    """The author deletes their comment: its text and history go, its replies stay (audited)."""
    _own(actor, comment)
    comment.deleted_at = site.now()
    comment.body = ""
    comment.revisions.clear()
    db.flush()
    audit.record(db, site, "comments.delete", actor=actor, target=comment, about=str(ref_of(comment)))


def set_official(db: Session, site: Site, actor: Actor, comment: Comment, official: bool) -> None:
    """Mark (or unmark) an official's own comment as the official answer (audited)."""
    item = item_of(db, site, ref_of(comment))
    _own(actor, comment)
    if not may_answer(db, site, actor, item):
        raise CommentRefused(_("Only the City's officials give an official answer."), status_code=403)
    if comment.official != official:
        comment.official = official
        action = "comments.official_answer" if official else "comments.official_answer_withdrawn"
        audit.record(db, site, action, actor=actor, target=comment, about=str(ref_of(comment)))


def vote(db: Session, site: Site, actor: Actor, comment: Comment, agree: bool | None) -> None:
    """Agree (True), disagree (False) or take one's vote back (None); one vote per account."""
    if actor.account is None:
        raise CommentRefused(_("Sign in to comment."), status_code=401)
    item_of(db, site, ref_of(comment))
    if comment.deleted:
        raise CommentRefused(_("This comment has been deleted."))
    if comment.author_account_id == actor.account.id:
        raise CommentRefused(_("You cannot agree or disagree with your own comment."), status_code=403)
    account_id = actor.account.id
    existing = db.scalar(
        select(CommentVote).where(CommentVote.comment_id == comment.id, CommentVote.account_id == account_id)
    )
    if agree is None:
        if existing is not None:
            db.delete(existing)
        return
    if existing is not None:
        existing.agree, existing.at = agree, site.now()
        return
    try:
        with db.begin_nested():
            db.add(CommentVote(comment_id=comment.id, account_id=account_id, agree=agree, at=site.now()))
    except IntegrityError:  # a second click raced the first: that one counts
        raise CommentRefused(_("Your vote on this comment is already recorded.")) from None


@dataclass(slots=True)
class Entry:
    """A comment as a thread shows it: counts, the reader's vote, its replies (top level only)."""

    comment: Comment
    agree: int = 0
    disagree: int = 0
    mine: bool | None = None
    moderation: ModerationState | None = None  # a hidden comment's state, for its author only
    replies: list[Entry] = field(default_factory=list)


def _counts(db: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    if not ids:
        return {}
    rows = db.execute(
        select(
            CommentVote.comment_id,
            func.sum(case((CommentVote.agree.is_(True), 1), else_=0)),
            func.sum(case((CommentVote.agree.is_(False), 1), else_=0)),
        )
        .where(CommentVote.comment_id.in_(ids))
        .group_by(CommentVote.comment_id)
    )
    return {cid: (int(a or 0), int(d or 0)) for cid, a, d in rows}


def thread(db: Session, ref: ContentRef, *, sort: str = NEWEST, reader: Actor | None = None) -> list[Entry]:
    """The comments on an object, two levels. Official answers come first, then by ``sort``:
    newest first, or most agreed (agree minus disagree, then newest). Replies read oldest first
    after the official answers."""
    comments = list(
        db.scalars(
            select(Comment)
            .where(Comment.content_kind == ref.kind, Comment.content_key == ref.key)
            .order_by(Comment.id)
        )
    )
    # Comments hidden by moderation (or awaiting approval) are not shown, nor are their replies;
    # their author still sees them, with why (the moderator's reason), but without the replies.
    from parvis.comments.content import COMMENT
    from parvis.moderation.service import hidden_states

    hidden = hidden_states(db, COMMENT, [c.public_id for c in comments])
    reader_id = reader.account.id if reader is not None and reader.account is not None else None
    own = {c.id for c in comments if reader_id is not None and c.author_account_id == reader_id}
    gone = {c.id for c in comments if c.public_id in hidden and c.id not in own}
    comments = [c for c in comments if c.id not in gone and c.parent_id not in gone]
    held = {c.id for c in comments if c.public_id in hidden}
    comments = [c for c in comments if c.parent_id not in held]
    ids = [c.id for c in comments]
    counts = _counts(db, ids)
    mine: dict[int, bool] = {}
    if reader is not None and reader.account is not None and ids:
        mine = dict(
            db.execute(
                select(CommentVote.comment_id, CommentVote.agree).where(
                    CommentVote.comment_id.in_(ids), CommentVote.account_id == reader.account.id
                )
            ).all()
        )
    entries = {
        c.id: Entry(c, *counts.get(c.id, (0, 0)), mine=mine.get(c.id), moderation=hidden.get(c.public_id))
        for c in comments
    }
    top = [e for e in entries.values() if e.comment.parent_id is None]
    for entry in entries.values():
        parent = entries.get(entry.comment.parent_id) if entry.comment.parent_id else None
        if parent is not None:
            parent.replies.append(entry)
    for entry in top:
        entry.replies.sort(key=lambda e: (not e.comment.official, e.comment.id))
    if sort == AGREED:
        top.sort(key=lambda e: (not e.comment.official, -(e.agree - e.disagree), -e.comment.id))
    else:
        top.sort(key=lambda e: (not e.comment.official, -e.comment.id))
    return top


def count(db: Session, ref: ContentRef) -> int:
    """How many comments (not deleted) an object has, replies included."""
    return (
        db.scalar(
            select(func.count(Comment.id)).where(
                Comment.content_kind == ref.kind, Comment.content_key == ref.key, Comment.deleted_at.is_(None)
            )
        )
        or 0
    )


def delete_all(db: Session, ref: ContentRef) -> int:
    """Delete an object's whole conversation (when a plugin deletes the object itself)."""
    return rows_affected(
        db.execute(delete(Comment).where(Comment.content_kind == ref.kind, Comment.content_key == ref.key))
    )
