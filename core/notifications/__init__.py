"""Notifications: follows, in-app notifications, notification mail (at once
or as daily/weekly digests), one-click unsubscribe (RFC 8058) and newsletters.

Modules: ``models``, ``follows`` (follow, unfollow, followers), ``notices`` (notify, the
counter, the list), ``events`` (what a notification says), ``preferences`` (each account's
choices), ``mailing`` (the mail jobs), ``unsubscribe`` (signed tokens, headers), ``newsletters``
(+ ``newsletters_web``), ``wiring`` (core's and plugins' events), ``privacy``, ``web``,
``plugin`` (the built-in plugin ``parvis.notifications``). Plugins use ``parvis.api.notifications``.
"""

from parvis.notifications.events import (
    CALL_FOR_YOU,
    CALL_OPENED,
    CHANGED,
    COMMENT,
    FOLLOWUP_CHANGED,
    NOTICE,
    OFFICIAL_ANSWER,
    REPLY,
    STATUS_CHANGED,
)
from parvis.notifications.follows import (
    APPLIED,
    CHOSE,
    COMMENTED,
    CREATED,
    VOTED,
    follow,
    followers,
    is_following,
    unfollow,
)
from parvis.notifications.notices import mark_read, notify, unread_count

__all__ = [
    "APPLIED",
    "CALL_FOR_YOU",
    "CALL_OPENED",
    "CHANGED",
    "CHOSE",
    "COMMENT",
    "COMMENTED",
    "CREATED",
    "FOLLOWUP_CHANGED",
    "NOTICE",
    "OFFICIAL_ANSWER",
    "REPLY",
    "STATUS_CHANGED",
    "VOTED",
    "follow",
    "followers",
    "is_following",
    "mark_read",
    "notify",
    "unfollow",
    "unread_count",
]
