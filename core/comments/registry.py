"""What plugins declare: which content kinds take comments and supports, and where debates open.

``register_commenting(site) -> [Commenting(kind, may_comment, may_answer)]``,
``register_supports(site) -> [Supporting(kind, may_support)]`` and
``register_debate_spaces(site) -> [DebateSpace(kind, label, load, may_open)]``; built once per site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.content import ContentItem
from parvis.declared import by_name
from parvis.permissions import OFFICIAL
from parvis.site import Site

# may_comment(db, site, actor, item) -> None when allowed, else the translated reason shown
# in place of the form ("Comments open with the submission of ideas.").
Rule = Callable[[Session, Site, Actor, ContentItem], str | None]


def officials_answer(db: Session, site: Site, actor: Actor, item: ContentItem) -> bool:
    """The default: the site's officials may mark their replies as the official answer."""
    return actor.has_role(OFFICIAL)


@dataclass(frozen=True, slots=True)
class Commenting:
    """The content kind ``kind`` takes comments. ``may_comment`` answers None (allowed) or why
    not, for a signed-in actor on a public item; ``may_answer(db, site, actor, item)`` whether the
    actor speaks for the City there (their replies may be marked as the official answer);
    ``on_page`` whether the object's page includes the thread."""

    kind: str
    may_comment: Rule
    may_answer: Callable[[Session, Site, Actor, ContentItem], bool] = officials_answer
    # False when the object's page does not show its thread (objects listed many to a page):
    # links to a comment then go to the thread's own page, /comments/<kind>/<key>.
    on_page: bool = True


@dataclass(frozen=True, slots=True)
class Supporting:
    """The content kind ``kind`` takes supports; ``may_support`` answers None or why not (also
    asked before a withdrawal: supports change only while they are open)."""

    kind: str
    may_support: Rule


@dataclass(frozen=True, slots=True)
class Space:
    """Where debates are opened: a body, a campaign. ``path`` has no language prefix."""

    kind: str
    key: str
    title: str
    path: str


@dataclass(frozen=True, slots=True)
class DebateSpace:
    """A kind of space debates open in. ``load(db, site, key)`` answers the ``Space`` or None;
    ``may_open(db, site, actor, space)`` whether the actor may open and close debates there."""

    kind: str
    label: Any
    load: Callable[[Session, Site, str], Space | None]
    may_open: Callable[[Session, Site, Actor, Space], bool]


def commenting(site: Site) -> dict[str, Commenting]:
    return by_name(site, "register_commenting", "commenting rule", key="kind")


def supporting(site: Site) -> dict[str, Supporting]:
    return by_name(site, "register_supports", "support rule", key="kind")


def debate_spaces(site: Site) -> dict[str, DebateSpace]:
    return by_name(site, "register_debate_spaces", "debate space", key="kind")
