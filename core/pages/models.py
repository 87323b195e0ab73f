"""Tables of the site's static pages: a page, its text in each language, the history of edits.

Each language's text is kept twice: the draft officials edit and preview, and the published copy
visitors read. Publishing copies every draft to its published copy at once, so an edit is never
public before an official publishes it.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parvis.db import Base, TimestampMixin, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_
from parvis.identity import Account


class PageStatus(LabelledEnum):
    DRAFT = "draft", N_("Draft")
    PUBLISHED = "published", N_("Published")


class PageKind(enum.StrEnum):
    TEXT = "text"  # a title and a text
    ACCESSIBILITY = "accessibility"  # the accessibility statement: structured fields (RGAA form)


class RevisionKind(LabelledEnum):
    CREATE = "create", N_("Created")
    EDIT = "edit", N_("Text changed")
    SETTINGS = "settings", N_("Placement changed")
    PUBLISH = "publish", N_("Published")
    UNPUBLISH = "unpublish", N_("Unpublished")


class Page(TimestampMixin, Base):
    __tablename__ = "core_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[PageKind] = mapped_column(enum_type(PageKind), default=PageKind.TEXT)
    status: Mapped[PageStatus] = mapped_column(enum_type(PageStatus), default=PageStatus.DRAFT)
    # The language the page was first written in: shown where a language has no text of its own.
    original_language: Mapped[str] = mapped_column(String(8))
    in_menu: Mapped[bool] = mapped_column(default=False)
    in_footer: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=50)  # order in the menu and the footer
    # The accessibility statement's facts that do not depend on the language (level, rate, dates).
    statement: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_statement: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    published_at: Mapped[datetime | None] = mapped_column(default=None)

    versions: Mapped[list[PageVersion]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="PageVersion.language"
    )

    def version(self, language: str) -> PageVersion | None:
        return next((v for v in self.versions if v.language == language), None)

    @property
    def title(self) -> str:
        """The draft's title in the original language (for lists and the audit log)."""
        version = self.version(self.original_language)
        return version.title if version is not None and version.title else self.slug


class PageVersion(Base):
    """A page in one language: the draft and the published copy."""

    __tablename__ = "core_page_version"
    __table_args__ = (UniqueConstraint("page_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("core_page.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised when rendered
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # the statement's texts
    published_title: Mapped[str] = mapped_column(String(200), default="")
    published_body: Mapped[str] = mapped_column(Text, default="")
    published_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    page: Mapped[Page] = relationship(back_populates="versions")


class PageRevision(Base):
    """One change to a page: who, when, what, and the text as it was before (for an edit)."""

    __tablename__ = "core_page_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[int] = mapped_column(ForeignKey("core_page.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RevisionKind] = mapped_column(enum_type(RevisionKind))
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    editor_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True, default=None
    )
    previous_title: Mapped[str] = mapped_column(String(200), default="")
    previous_body: Mapped[str] = mapped_column(Text, default="")
    previous_fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    page: Mapped[Page] = relationship()
    editor: Mapped[Account | None] = relationship()
