"""Notifications for plugins: follows and notifications of objects (content kinds).

- ``follow(db, account, ref, reason=CREATED)`` when someone creates, votes on, comments on or
  applies to an object (``ref``: a ``parvis.api.content.ContentRef``); ``unfollow``,
  ``is_following``, ``followers``;
- ``notify(db, site, ref, event, actor=..., detail=..., recipients=None, exclude=())`` when
  something happens to it: every follower (or the ``recipients`` given) but the actor gets an
  in-app notification and, per their settings, an e-mail at once or in a digest. Events:
  ``STATUS_CHANGED`` (``detail``: the new state's label message id; workflow moves of a life
  cycle named like a content kind are told automatically), ``FOLLOWUP_CHANGED``, ``COMMENT``,
  ``REPLY`` (``recipients=[the comment's author]``), ``OFFICIAL_ANSWER``, ``CALL_OPENED``,
  ``CALL_FOR_YOU`` (a call the recipients may answer), ``CHANGED``;
- ``latest(db, account, kinds=[...])``, ``describe(...)`` and ``mark_read(db, site, account,
  kinds=[...])``: a plugin's page listing what happened to its own objects for this account (the
  same notifications as the header's list: no second inbox);
- ``notify_district(db, site, ref, district, event=CALL_OPENED)``: tell the people living in a
  district (a call for applications or contributions opening near them);
- the follow button in a template: ``{% import "macros/follow.html" as follow with context %}``
  then ``{{ follow.button(ref) }}``.

See docs/plugins.md ("Notifications").
"""

from __future__ import annotations

# The package's public names (its ``__all__``, listed there once) and the plugin pages' helpers.
from parvis import notifications as _package
from parvis.notifications import *  # noqa: F403
from parvis.notifications.notices import describe, latest
from parvis.notifications.wiring import notify_district

__all__ = ["describe", "latest", "notify_district"]
__all__ += _package.__all__
