"""The browser suite's check of the language of officials' texts (WCAG 3.1.2, language of parts):
every text of a translatable kind (an original, in its object's original language, or one of its
translations) that a page shows must sit in an element whose effective ``lang`` (its own or its
nearest ancestor's) is that text's language. ``tr()`` does this by marking an original shown on a
page in another language; the check finds the texts a template shows without ``tr()``, or inside
an element that claims another language.

The texts come from the live server's database (every object of every declared kind and every
translation), so the check needs no list of strings and follows whatever a journey creates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

from sqlalchemy import select

from parvis import formatting

MIN_LENGTH = 8  # shorter texts ("Paris 11", "2026-27") are too often the same in every language
NEEDLE_LENGTH = 80  # a truncated text (``tr(..., truncate=220)``) still shows its beginning

# The site served by the live server of the running test (set by the browser ``context`` fixture).
_live: dict[str, Any] = {}


def watch(site: Any) -> None:
    _live["site"] = site


def forget() -> None:
    _live.pop("site", None)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


def _needle(text: str, language: str) -> str:
    normal = _normal(formatting.punctuate(text, language))
    if len(normal) <= NEEDLE_LENGTH:
        return normal
    return normal[:NEEDLE_LENGTH].rsplit(" ", 1)[0]


def known_texts(site: Any) -> dict[str, set[str]]:
    """Each text officials typed or translated (its beginning, spaces normalised) -> the
    languages it is in."""
    from parvis.content_translations import service
    from parvis.content_translations.registry import original_language, translatable_kinds

    found: dict[str, set[str]] = defaultdict(set)
    # A council named after its neighbourhood shares the name the site's configuration gives the
    # place, which pages print everywhere as the place's name, not as the official's text.
    places = {_normal(place.name) for place in (*site.config.districts, *site.config.neighbourhoods)}

    def add(text: str, language: str) -> None:
        needle = _needle(text, language)
        wordy = len(needle) >= MIN_LENGTH and any(c.isalpha() for c in needle)
        if wordy and not any(needle in place for place in places):
            found[needle].add(language.split("-", maxsplit=1)[0].lower())

    with site.session() as db:
        for kind in translatable_kinds(site).values():
            objects = list(db.scalars(select(kind.model)))
            ids = [obj.id for obj in objects]
            origins = service.originals(db, kind.name, ids)
            for obj in objects:
                for name in kind.fields:
                    add(kind.original(obj, name), origins.get(obj.id) or original_language(site))
            for row in service.load(db, kind.name, ids):
                add(row.text, row.language)
    return found


# The page's text in runs of the same effective language: [[language, text], ...]. Form values
# (textarea) are what a person types; code is not prose; [data-lang-unchecked] marks a sentence
# composed in Python around an original that cannot mark it yet, or a resident's text whose
# language is not recorded (a budget idea, often titled like the project made from it).
_RUNS = """() => {
  const SKIPPED = 'script, style, template, noscript, textarea, code, pre, [data-lang-unchecked]';
  const runs = [];
  let language = null, parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement;
    if (holder.closest(SKIPPED)) continue;
    const marked = holder.closest('[lang]');
    const here = (marked ? marked.lang : '').split('-')[0].toLowerCase();
    if (here !== language) {
      if (parts.length) runs.push([language, parts.join('')]);
      language = here; parts = [];
    }
    parts.push(node.data);
  }
  if (parts.length) runs.push([language, parts.join('')]);
  return runs;
}"""


class _Runs(HTMLParser):
    """``_RUNS`` for a page's HTML, without a browser (the demo's crawl): the text of ``<body>``
    in runs of the same effective language."""

    SKIPPED = {"script", "style", "template", "noscript", "textarea", "code", "pre", "title", "head"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []  # per open element: (its effective lang, skipped?)
        self.runs: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        language, skipped = self.stack[-1] if self.stack else ("", False)
        if found.get("lang") is not None:
            language = (found["lang"] or "").split("-", maxsplit=1)[0].lower()
        skipped = skipped or tag in self.SKIPPED or "data-lang-unchecked" in found
        self.stack.append((language, skipped))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.stack or self.stack[-1][1]:
            return
        language = self.stack[-1][0]
        if self.runs and self.runs[-1][0] == language:
            self.runs[-1][1] += data
        else:
            self.runs.append([language, data])


def html_runs(html: str) -> list[list[str]]:
    """A page's text in runs of the same effective language, from its HTML: [[language, text]]."""
    parser = _Runs()
    parser.feed(html)
    return parser.runs


def language_faults(runs: list[list[str]], texts: dict[str, set[str]]) -> list[str]:
    """The known texts found in a run whose language is not one they are in."""
    faults = []
    for language, text in runs:
        normal = _normal(text)
        for needle, languages in texts.items():
            if language not in languages and needle in normal:
                faults.append(f"{needle!r} ({'/'.join(sorted(languages))}) shown as lang={language!r}")
    return faults


def check_languages(page: Any) -> None:
    """Fail if the current page shows an official's text in an element whose ``lang`` is not the
    text's (no-op outside a live server's test)."""
    site = _live.get("site")
    if site is None:
        return
    faults = language_faults(page.evaluate(_RUNS), known_texts(site))
    assert not faults, f"Language of officials' texts on {page.url} (WCAG 3.1.2):\n" + "\n".join(
        f"- {fault}" for fault in faults[:10]
    )
