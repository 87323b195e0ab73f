"""The poll book for plugins: one "has voted" mark per elector and poll, whatever the channel.

``mark(db, poll, elector, channel=..., at=..., place=..., by=account)`` marks an elector (a
database guarantee: of two concurrent marks one succeeds, the other raises ``AlreadyMarked``, a
``Refused`` whose ``existing`` says who marked the elector, where and when); ``mark_of`` /
``marks_of`` read marks, ``count_marks``, ``marks_by_place`` and ``marks_by_channel`` count them
(turnout, ballots against marks); ``open_poll`` declares a poll's title and until when its marks
are kept (core's daily purge deletes them after), ``forget_poll`` deletes them at once. Core
declares the marks as personal data (export, erasure) for every plugin. See docs/plugins.md.
"""

from __future__ import annotations

from parvis.pollbook import (
    AlreadyMarked,
    Channel,
    Mark,
    count_marks,
    forget_poll,
    mark,
    mark_of,
    marks_by_channel,
    marks_by_place,
    marks_of,
    open_poll,
)
from parvis.pollbook.models import PollMark

__all__ = [
    "AlreadyMarked",
    "Channel",
    "Mark",
    "PollMark",
    "count_marks",
    "forget_poll",
    "mark",
    "mark_of",
    "marks_by_channel",
    "marks_by_place",
    "marks_of",
    "open_poll",
]
