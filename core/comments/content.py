"""Comments and debates as content kinds (``comments.comment``, ``comments.debate``), so that
moderation, notifications and the search point at them like at any plugin's object; and the
bodies as a space debates open in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.bodies.models import Body
from parvis.comments.debates import DEBATE
from parvis.comments.models import Comment, Debate
from parvis.comments.registry import DebateSpace, Space
from parvis.comments.service import thread_path
from parvis.content import ContentItem, ContentKind, ContentRef, load
from parvis.i18n import _, lazy_gettext
from parvis.permissions import OFFICIAL
from parvis.site import Site

COMMENT = "comments.comment"
BODY = "body"


def anchor(path: str, public_id: str) -> str:
    """The object's path with the comment's anchor (replacing the object's own, if any)."""
    return f"{path.partition('#')[0]}#comment-{public_id}"


def load_comment(db: Session, site: Site, key: str) -> ContentItem | None:
    """A comment: its text, and its object's path with the comment's anchor. Public while the
    comment is not deleted and its object is public."""
    comment = db.scalar(select(Comment).where(Comment.public_id == key))
    if comment is None:
        return None
    item = load(db, site, ContentRef(comment.content_kind, comment.content_key))
    return ContentItem(
        ref=ContentRef(COMMENT, key),
        title=_("Comment on: {title}").format(title=item.title if item else "…"),
        path=anchor(thread_path(site, item), key) if item else "/",
        text=comment.body,
        author_account_id=comment.author_account_id,
        district=item.district if item else None,
        published_at=comment.created_at,
        public=item is not None and item.public and not comment.deleted,
        language=comment.language or None,
    )


def content_kinds() -> list[ContentKind]:
    return [
        ContentKind(COMMENT, lazy_gettext("Comment"), load_comment),
        ContentKind.of_model(
            DEBATE,
            lazy_gettext("Debate"),
            Debate,
            path=lambda debate: f"/debates/{debate.public_id}",
            title="question",
            text="opening_text",
            author="created_by_id",
            published_at="opens_at",
            public=lambda db, site, debate: debate.opens_at <= site.now(),  # once open
        ),
    ]


def load_body(db: Session, site: Site, key: str) -> Space | None:
    body = db.scalar(select(Body).where(Body.public_id == key))  # a slug may be longer than a key
    if body is None or not body.active:
        return None
    return Space(BODY, key, body.name, f"/bodies/{body.slug}/follow-up")


def body_official(db: Session, site: Site, actor: Actor, space: Space) -> bool:
    body_id = db.scalar(select(Body.id).where(Body.public_id == space.key))
    return actor.has_role(OFFICIAL, body_id)


def debate_spaces() -> list[Any]:
    return [DebateSpace(BODY, lazy_gettext("Body"), load_body, body_official)]
