"""Content kinds: one way for core's conversation services to point at any plugin's objects.

Comments, supports, moderation, notifications and the site search work on objects they do not
own (a budget idea, a recommendation, a mission). A plugin declares each kind of such object once
(``register_content_kinds``): its name (``"budget.idea"``), a translated label and how to load one
by its key as a ``ContentItem`` (title, plain text, language-neutral path, author, district, date,
whether it is public). A ``ContentRef`` (kind + key) is what services store: two string columns,
``content_kind`` and ``content_key``, never a foreign key into a plugin's table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.orm import Session

from parvis.i18n import _
from parvis.refusals import Invalid
from parvis.site import Site

KIND_LENGTH = 60  # of a ``content_kind`` column
KEY_LENGTH = 40  # of a ``content_key`` column


@dataclass(frozen=True, slots=True)
class ContentRef:
    kind: str
    key: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"

    @classmethod
    def parse(cls, text: str) -> ContentRef:
        """``"budget.idea:ab12"`` -> ContentRef; ``Invalid`` (a 400) for anything else."""
        kind, _sep, key = (text or "").partition(":")
        if not kind or not key or len(kind) > KIND_LENGTH or len(key) > KEY_LENGTH:
            raise Invalid(_("This reference to a page is not valid."))
        return cls(kind, key)


@dataclass(frozen=True, slots=True)
class ContentItem:
    """One object as the conversation services see it. ``path`` has no language prefix
    (``"/budget/ideas/ab12"``); ``text`` is plain text; ``language`` is the language the text was
    written in when known (people's contributions), None for content in every site language."""

    ref: ContentRef
    title: str
    path: str
    text: str = ""
    author_account_id: int | None = None
    district: str | None = None
    published_at: datetime | None = None
    public: bool = True
    language: str | None = None
    # A photo the item carries (its path, without the language prefix, and its alternative text),
    # shown to moderators in the queue so they judge it with the text.
    image_path: str | None = None
    image_alt: str = ""


@dataclass(frozen=True, slots=True)
class ContentKind:
    """``load(db, site, key)`` answers the item, or None for an unknown key."""

    name: str
    label: Any  # a lazy translated string: "Budget idea"
    load: Callable[[Session, Site, str], ContentItem | None]
    # An action whose holders moderate this kind's items besides the moderators (parvis.moderation):
    # a district-scoped action counts in its holders' districts. None: the moderators only.
    moderated_by: str | None = None

    def ref(self, key: object) -> ContentRef:
        return ContentRef(self.name, str(key))


_kinds: WeakKeyDictionary[Site, dict[str, ContentKind]] = WeakKeyDictionary()


def kinds(site: Site) -> dict[str, ContentKind]:
    """Every content kind of the site's enabled plugins, by name (built once per site)."""
    found = _kinds.get(site)
    if found is None:
        found = {}
        for declared in reversed(site.hook.register_content_kinds(site=site)):
            for kind in declared or ():
                if kind.name in found:
                    raise ValueError(f"content kind {kind.name!r} is declared twice")
                found[kind.name] = kind
        _kinds[site] = found
    return found


def load(db: Session, site: Site, ref: ContentRef) -> ContentItem | None:
    """The item a reference points at; None if its kind is not enabled or the key is unknown."""
    kind = kinds(site).get(ref.kind)
    return kind.load(db, site, ref.key) if kind is not None else None


def public_item(db: Session, site: Site, ref: ContentRef) -> ContentItem:
    """The item for a public page or action; a 404 refusal when missing or not public."""
    from litestar.exceptions import NotFoundException

    item = load(db, site, ref)
    if item is None or not item.public:
        raise NotFoundException()
    return item


def url(item: ContentItem, lang: str) -> str:
    return f"/{lang}{item.path}"
