"""Excerpts with the searched words marked, built as escaped ``Markup``.

Everything that comes from a document is escaped; only the ``<mark>`` elements this module adds
are markup. The words are found the way the index found them (``parvis.search.text``): a Latin
word is marked when one of its stems begins with a term's stem, a CJK term wherever it occurs.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from parvis.search.text import CJK_RUN, WORD, Term, fold, stem_en, stem_fr

EXCERPT = 220  # characters of text around the first match
BEFORE = 60


def _spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    latin = [term for term in terms if not term.phrase and not CJK_RUN.match(term.word)]
    prefixes = tuple(p for term in latin for p in term.prefixes)
    exact = {e for term in latin for e in term.exact}
    cjk = [term.word for term in terms if term.phrase or CJK_RUN.match(term.word)]
    spans: list[tuple[int, int]] = []
    if latin:
        for match in WORD.finditer(text):
            word = fold(match.group())
            if CJK_RUN.search(word):
                continue
            forms = (word, stem_fr(word), stem_en(word))
            if any(form.startswith(prefixes) for form in forms) or not exact.isdisjoint(forms):
                spans.append(match.span())
    for word in cjk:
        spans.extend(m.span() for m in re.finditer(re.escape(word), text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> Markup:
    out = Markup("")
    position = 0
    for start, end in spans:
        start, end = start - offset, end - offset
        if end <= 0 or start >= len(text):
            continue
        start, end = max(start, 0), min(end, len(text))
        out += escape(text[position:start]) + Markup("<mark>") + escape(text[start:end]) + Markup("</mark>")
        position = end
    return out + escape(text[position:])


def highlight(text: str, terms: list[Term]) -> Markup:
    """The whole (short) text, escaped, with the terms marked (for titles)."""
    return _marked(text, _spans(text, terms))


def excerpt(text: str, terms: list[Term], length: int = EXCERPT) -> Markup:
    """About ``length`` characters of ``text`` around its first match (or its beginning), escaped,
    with the terms marked and an ellipsis where the text was cut."""
    text = " ".join(text.split())
    spans = _spans(text, terms)
    start = max(0, spans[0][0] - BEFORE) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (spans[0][0] if spans else start + 20) else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    marked = _marked(text[start:end], spans, offset=start)
    return (
        (Markup("… ") if start else Markup("")) + marked + (Markup(" …") if end < len(text) else Markup(""))
    )
