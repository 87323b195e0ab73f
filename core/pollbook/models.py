"""The poll book's tables: the polls (for retention) and the marks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from parvis.db import Base
from parvis.enums import LabelledEnum
from parvis.i18n import N_


class Channel(LabelledEnum):
    """How the elector voted. A city's own channels may be any short word; these are the usual."""

    IN_PERSON = "in_person", N_("In person")
    PAPER = "paper", N_("On paper")
    ONLINE = "online", N_("Online")


class Poll(Base):
    """A poll's key, title and how long its marks are kept (``keep_until``; None: until its owner
    forgets it). Core's daily purge deletes the marks of a poll past ``keep_until``."""

    __tablename__ = "core_poll"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    keep_until: Mapped[datetime | None]


class PollMark(Base):
    """One elector marked as having voted in one poll. ``elector`` is the owner's key for the
    elector (a roll entry, ``person:<id>``); ``person_id`` links the mark to a person record when
    the elector has one (for their data export). ``marked_by_name`` keeps the clerk's name as shown
    at the time. No ballot is referred to."""

    __tablename__ = "core_poll_mark"
    # Counting marks per place reads only this index (a tally of a million marks in a fraction of
    # a second).
    __table_args__ = (Index("ix_core_poll_mark_poll_place", "poll", "place"),)

    poll: Mapped[str] = mapped_column(String(80), primary_key=True)
    elector: Mapped[str] = mapped_column(String(80), primary_key=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_person.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    place: Mapped[str] = mapped_column(String(80), default="")
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_account.id", ondelete="SET NULL"))
    marked_by_name: Mapped[str] = mapped_column(String(200), default="")
    marked_at: Mapped[datetime]
