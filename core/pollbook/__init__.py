"""The poll book: one "has voted" mark per elector and poll, whatever the channel.

A *poll* is anything where each elector may vote once: a citizen vote, a participatory budget's
vote. Its owner names it with a key (``"citizen_vote:<id>"``, ``"budget:<id>"``). Before handing
out a paper ballot, a clerk marks the elector in the poll book; an online ballot marks it too. The
mark says who marked, where, when and through which channel, and its primary key ``(poll,
elector)`` makes "one mark per elector and poll" a database guarantee: of two clerks marking the
same elector at the same moment (or a clerk and an online ballot), one succeeds and the other gets
``AlreadyMarked``, which says who marked the elector and when.

Nothing in a mark refers to a ballot: the mark says that someone voted, never how.

Plugins reach it through ``parvis.api.pollbook``.
"""

from __future__ import annotations

from parvis.pollbook.models import Channel, Poll, PollMark
from parvis.pollbook.service import (
    AlreadyMarked,
    Mark,
    count_marks,
    forget_poll,
    mark,
    mark_of,
    marks_by_channel,
    marks_by_place,
    marks_of,
    marks_of_person,
    open_poll,
    purge_expired,
)

__all__ = [
    "AlreadyMarked",
    "Channel",
    "Mark",
    "Poll",
    "PollMark",
    "count_marks",
    "forget_poll",
    "mark",
    "mark_of",
    "marks_by_channel",
    "marks_by_place",
    "marks_of",
    "marks_of_person",
    "open_poll",
    "purge_expired",
]
