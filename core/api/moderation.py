"""Moderation for plugins (core's ``parvis.moderation``): reports, hiding, pre-moderation, blocks.

A plugin whose content kind (``parvis.api.content``) people create or read:

- ``submitted(db, site, ref, author_account_id=...)`` right after creating an item (flushed):
  refuses a blocked author (``Blocked``) and applies pre-moderation (returns True when the item
  stays hidden until a moderator approves it: tell the author);
- ``visible(kind, key_column)`` in its lists' queries: ``select(Idea).where(visible(IDEA,
  Idea.public_id))``; ``hidden_keys(db, kind, keys)`` for lists built in Python;
- ``is_hidden(db, ref)`` for a yes or no (set ``ContentItem.public`` from it);
- ``hidden_notice(db, site, actor, ref, author_account_id=...)`` on the item's page: None when
  visible, the state to show (``status``, ``reason``) to its author and moderators, a 404 for
  others; the template ``moderation/_notice.html`` shows it, ``moderation/_report_link.html`` the
  "Report" link (give it ``ref``);
- ``require_not_blocked(db, account_id)`` before any other posting (a reply, an upload);
- ``report(...)``, ``decide(...)``, ``block(...)``/``unblock(...)`` are what the pages call.
"""

from __future__ import annotations

from parvis.enums import deprecated_label_maps
from parvis.moderation.decisions import BLOCK, MODERATE, Decision, block, decide, unblock
from parvis.moderation.models import ModerationState, Reason, Status
from parvis.moderation.service import (
    Blocked,
    block_of,
    hidden_keys,
    hidden_notice,
    is_hidden,
    is_premoderated,
    report,
    require_not_blocked,
    state,
    submitted,
    visible,
)

# The maps of labels exported before each member carried its label (``Reason.SPAM.label``).
__getattr__ = deprecated_label_maps(__name__, REASON_LABELS=Reason, STATUS_LABELS=Status)

__all__ = [
    "BLOCK",
    "MODERATE",
    "Blocked",
    "Decision",
    "ModerationState",
    "Reason",
    "Status",
    "block",
    "block_of",
    "decide",
    "hidden_keys",
    "hidden_notice",
    "is_hidden",
    "is_premoderated",
    "report",
    "require_not_blocked",
    "state",
    "submitted",
    "unblock",
    "visible",
]
