"""The tables of background jobs: one row per job, stored files, and claimed periodic runs.

A ``Job`` row is the job's truth (the queue only carries its id): its status, progress, result
and error, shown on its page. A ``StoredFile`` holds what a job produced (a PDF, a CSV, a ZIP) in
the database, so any web node can serve it; files built from data carry a ``cache_key`` (a hash
of that data) and are reused until the data changes. A ``PeriodicRun`` row is written when a
scheduled job starts: its unique (name, slot) lets exactly one worker run each slot.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parvis.db import Base, PublicIdMixin, declare_unmanaged, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_

# huey keeps its messages in tables of its own (huey_task, huey_schedule...) on PostgreSQL.
declare_unmanaged("huey_")


class JobStatus(LabelledEnum):
    QUEUED = "queued", N_("Waiting to start")
    RUNNING = "running", N_("In progress")
    DONE = "done", N_("Done")
    FAILED = "failed", N_("Failed")


class Visibility(enum.StrEnum):
    """Who may follow a job besides the person who started it."""

    OWNER = "owner"  # the requester only (and admins)
    OFFICIALS = "officials"  # the requester and the site's officials
    PUBLIC = "public"  # anyone holding the link (public data: the follow-up report)


class Job(PublicIdMixin, Base):
    __tablename__ = "core_job"
    __table_args__ = (
        Index("ix_core_job_status_created_at", "status", "created_at"),
        Index("ix_core_job_kind_unique_key", "kind", "unique_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(80))
    arguments: Mapped[dict[str, Any]] = mapped_column(default=dict)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[Visibility] = mapped_column(enum_type(Visibility, 16), default=Visibility.OWNER)
    locale: Mapped[str] = mapped_column(String(16))
    # Where the page that started the job lives (a path without the language), for "back" links.
    return_to: Mapped[str | None] = mapped_column(String(500))
    # Jobs with the same kind and key are one job while it waits or runs (a second start joins it).
    unique_key: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[JobStatus] = mapped_column(enum_type(JobStatus, 16), default=JobStatus.QUEUED)
    percent: Mapped[int | None]
    step: Mapped[str] = mapped_column(String(300), default="")
    # {"url": "/fr/...", "file": <stored file public id>, "message": "..."}
    result: Mapped[dict[str, Any] | None]
    # For the requester, in their language: a refusal's message (None: a technical failure).
    error_message: Mapped[str | None] = mapped_column(Text)
    error_details: Mapped[list[Any] | None]
    # For officials: the last technical error (exception and its message), in English.
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    run_after: Mapped[datetime] = mapped_column(default=utcnow)  # the next attempt is due then
    started_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # the worker's last sign of life
    finished_at: Mapped[datetime | None]

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class StoredFile(PublicIdMixin, Base):
    __tablename__ = "core_stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded only to be served
    # A hash of the data the file was built from: the same data gives the same file.
    cache_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Deleted by the tidy-up after this (files holding secrets, like letters' codes, are kept briefly).
    expires_at: Mapped[datetime | None]


class PeriodicRun(Base):
    """One run of a scheduled job: inserted first, so a second worker's insert fails and it skips."""

    __tablename__ = "core_periodic_run"
    __table_args__ = (UniqueConstraint("name", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    slot: Mapped[str] = mapped_column(String(32))  # the minute it was due, ISO 8601 UTC
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
