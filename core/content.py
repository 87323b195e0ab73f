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
from operator import attrgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.declared import by_name
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


# An attribute of a model's row: its name, or a function of the row.
Attribute = str | Callable[[Any], Any]
# Whether a row is public, when that depends on more than an attribute: ``test(db, site, row)``.
PublicTest = Callable[[Session, Site, Any], bool]


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

    @classmethod
    def of_model(
        cls,
        name: str,
        label: Any,
        model: type[Any],
        *,
        path: Callable[[Any], str],
        title: Attribute = "title",
        text: Attribute = "description",
        published_at: Attribute | None = "created_at",
        district: Attribute | None = None,
        author: Attribute | None = None,
        public: str | PublicTest | None = None,
        moderated_by: str | None = None,
    ) -> ContentKind:
        """The kind of a model's rows, each loaded by its ``public_id``: the item's fields are read
        from the row's attributes (a name, or a function of the row). ``author`` holds the
        author's account id; ``public`` is an attribute, or ``public(db, site, row)`` when it
        depends on the date or on moderation (default: always public)."""
        read = {
            "title": title,
            "text": text,
            "published_at": published_at,
            "district": district,
            "author_account_id": author,
        }
        for attribute in (*read.values(), public):
            if isinstance(attribute, str) and not hasattr(model, attribute):
                raise ValueError(f"content kind {name}: {model.__name__} has no attribute {attribute!r}")
        readers = {field: _reader(attribute) for field, attribute in read.items() if attribute is not None}
        is_public = _public_test(public)

        def load(db: Session, site: Site, key: str) -> ContentItem | None:
            row = db.scalar(select(model).where(model.public_id == key))
            if row is None:
                return None
            fields = {field: reader(row) for field, reader in readers.items()}
            public = is_public(db, site, row)
            return ContentItem(ContentRef(name, key), path=path(row), public=public, **fields)

        return cls(name, label, load, moderated_by=moderated_by)


def _reader(attribute: Attribute) -> Callable[[Any], Any]:
    return attrgetter(attribute) if isinstance(attribute, str) else attribute


def _public_test(public: str | PublicTest | None) -> PublicTest:
    if public is None:
        return lambda db, site, row: True
    if isinstance(public, str):
        return lambda db, site, row: bool(getattr(row, public))
    return public


def kinds(site: Site) -> dict[str, ContentKind]:
    """Every content kind of the site's enabled plugins, by name (built once per site)."""
    return by_name(site, "register_content_kinds", "content kind")


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
