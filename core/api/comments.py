"""Comments, debates and supports for plugins (core's ``parvis.comments``).

Opt a content kind in with ``register_commenting`` (``Commenting(kind, may_comment, may_answer)``)
and ``register_supports`` (``Supporting(kind, may_support)``); declare where officials open
debates with ``register_debate_spaces`` (``DebateSpace``, ``Space``). On the object's page:
``{{ comments_thread(kind, key) }}`` and ``{{ support_button(kind, key) }}``.

Services (they check who may act, raise ``Refused`` and never commit): ``post_comment``,
``edit_comment``, ``delete_comment``, ``vote``, ``set_official``, ``thread``, ``comment_count``;
``support``, ``withdraw``, ``support_count``, ``has_supported``; ``open_debate``,
``close_debate``. Comments and debates are content kinds themselves (``COMMENT``, ``DEBATE``):
``parvis.api.content.load(db, site, ContentRef(COMMENT, comment.public_id))`` gives a comment's
text and its object's path with the comment's anchor. See docs/plugins.md ("Comments, debates and
supports").
"""

from __future__ import annotations

from parvis.comments.content import COMMENT
from parvis.comments.debates import DEBATE, close_debate, open_debate
from parvis.comments.models import Comment, Debate
from parvis.comments.registry import Commenting, DebateSpace, Space, Supporting, officials_answer
from parvis.comments.service import (
    EDIT_WINDOW,
    CommentRefused,
    comment_by_public_id,
    delete_all,
    delete_comment,
    edit_comment,
    post_comment,
    set_official,
    thread,
    vote,
)
from parvis.comments.service import count as comment_count
from parvis.comments.supports import SupportRefused, has_supported, support, support_count, withdraw

__all__ = [
    "COMMENT",
    "DEBATE",
    "EDIT_WINDOW",
    "Comment",
    "CommentRefused",
    "Commenting",
    "Debate",
    "DebateSpace",
    "Space",
    "SupportRefused",
    "Supporting",
    "close_debate",
    "comment_by_public_id",
    "comment_count",
    "delete_all",
    "delete_comment",
    "edit_comment",
    "has_supported",
    "officials_answer",
    "open_debate",
    "post_comment",
    "set_official",
    "support",
    "support_count",
    "thread",
    "vote",
    "withdraw",
]
