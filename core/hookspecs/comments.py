"""Hooks of comments, debates and supports (parvis.comments): which content kinds take them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from parvis.comments.registry import Commenting, DebateSpace, Supporting
    from parvis.site import Site


@hookspec
def register_commenting(site: Site) -> Sequence[Commenting]:
    """Open content kinds to comments: ``parvis.api.comments.Commenting(kind, may_comment,
    may_answer)``.

    ``kind`` is a declared content kind. ``may_comment(db, site, actor, item)`` is asked for a
    signed-in actor on a public item: answer None to show the form, else the translated reason
    shown instead ("Comments open with the submission of ideas."): the permission per object and
    phase. ``may_answer`` (optional; default: the site's officials) says whose replies may be
    marked as the official answer.
    """


@hookspec
def register_supports(site: Site) -> Sequence[Supporting]:
    """Let people support objects of a content kind once: ``parvis.api.comments.Supporting(kind,
    may_support)``; ``may_support(db, site, actor, item)`` answers None or why not (asked for
    withdrawals too)."""


@hookspec
def register_debate_spaces(site: Site) -> Sequence[DebateSpace]:
    """Declare where officials open debates: ``parvis.api.comments.DebateSpace(kind, label, load,
    may_open)``; ``load(db, site, key)`` answers a ``Space(kind, key, title, path)`` or None,
    ``may_open(db, site, actor, space)`` whether the actor opens and closes debates there. Core
    declares ``body`` (a body's officials); the debates of a space are listed at
    ``/debates/in/<kind>/<key>``.
    """
