"""What a plugin gives the search: ``SearchDocument``, one per public object of a content kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from parvis.content import ContentItem, ContentRef


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """A public object as the search shows it.

    ``ref`` names it (its kind must be a declared content kind: its label is the search's kind
    filter, and ``reindex(db, site, ref)`` reloads it through the kind's ``load``); ``path`` has
    no language prefix; ``text`` is plain text; ``language`` is the language the text is written
    in (its words are stemmed in that language), None for the site's default language.
    """

    ref: ContentRef
    title: str
    path: str
    text: str = ""
    language: str | None = None
    district: str | None = None
    date: datetime | None = None

    @classmethod
    def from_item(cls, item: ContentItem, extra_text: str = "") -> SearchDocument:
        """The document of a public ``ContentItem`` (what a kind's ``load`` answers)."""
        text = "\n".join(part for part in (item.text, extra_text) if part)
        return cls(item.ref, item.title, item.path, text, item.language, item.district, item.published_at)
