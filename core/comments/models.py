"""The tables of comments, their revisions and votes, supports and debates.

Comments point at any content kind by ``content_kind`` + ``content_key`` (``parvis.content``),
never by a foreign key into a plugin's table. Two levels only: a reply's ``parent_id`` is always a
top-level comment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.content import KEY_LENGTH, KIND_LENGTH
from parvis.db import Base, PublicIdMixin

NAME_LENGTH = 120


class Comment(PublicIdMixin, Base):
    """One comment. ``author_name`` is the name shown, kept as written at the time (erasure
    replaces it); ``deleted_at`` set by its author empties ``body`` and keeps the row, so that
    replies stay in place under "comment deleted"."""

    __tablename__ = "core_comment"
    __table_args__ = (Index("ix_core_comment_content", "content_kind", "content_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_comment.id", ondelete="CASCADE"), index=True
    )
    author_account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    author_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    official: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    edited_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]

    revisions: Mapped[list[CommentRevision]] = relationship(
        back_populates="comment", cascade="all, delete-orphan", order_by="CommentRevision.id"
    )

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


class CommentRevision(Base):
    """A text a comment had before an edit (the history of its edits, oldest first)."""

    __tablename__ = "core_comment_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("core_comment.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime]  # when this text was published (creation or the edit before)
    replaced_at: Mapped[datetime]

    comment: Mapped[Comment] = relationship(back_populates="revisions")


class CommentVote(Base):
    """One account's agree (True) or disagree (False) on one comment; changeable, one per account."""

    __tablename__ = "core_comment_vote"
    __table_args__ = (UniqueConstraint("comment_id", "account_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("core_comment.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    agree: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[datetime]


class Support(Base):
    """One account's support of one object (once; withdrawing deletes the row)."""

    __tablename__ = "core_support"
    __table_args__ = (
        UniqueConstraint("content_kind", "content_key", "account_id"),
        Index("ix_core_support_content", "content_kind", "content_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    content_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    content_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    account_id: Mapped[int] = mapped_column(ForeignKey("core_account.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]


class Debate(PublicIdMixin, Base):
    """A standalone debate an official opens in a space (a body, a budget campaign: ``space_kind``
    + ``space_key``, declared by ``register_debate_spaces``). Comments are open from ``opens_at``
    to ``closes_at``; the closing summary is written once it has closed."""

    __tablename__ = "core_debate"
    __table_args__ = (Index("ix_core_debate_space", "space_kind", "space_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_kind: Mapped[str] = mapped_column(String(KIND_LENGTH))
    space_key: Mapped[str] = mapped_column(String(KEY_LENGTH))
    question: Mapped[str] = mapped_column(String(300))
    opening_text: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    closing_summary: Mapped[str] = mapped_column(Text, default="")
    summary_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at
