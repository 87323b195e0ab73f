"""Language of parts (WCAG 3.1.2) on the demo: every public page, crawled from the home page in
French, English and Japanese, shows each official's text (an original or a translation, of every
translatable kind) inside an element whose lang is that text's language (parvis.testing_lang)."""

from __future__ import annotations

import re

import pytest

from parvis.testing_lang import html_runs, known_texts, language_faults

PER_KIND = 2  # pages of one kind visited (two missions, two decisions, ...)
LINK = re.compile(r'<a\b[^>]*\bhref="([^"#?]+)')


def _kind(path: str) -> str:
    """Pages of one kind: opaque ids and numbers count as one."""
    return re.sub(r"/[\w-]{10,}|\d+", "/*", path)


def crawl(client, language: str, texts: dict[str, set[str]], faults: list[str]) -> set[str]:
    seen: set[str] = set()
    per_kind: dict[str, int] = {}
    todo = [f"/{language}/"]
    while todo:
        path = todo.pop(0)
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        faults += [f"{path}: {fault}" for fault in language_faults(html_runs(response.text), texts)]
        for href in LINK.findall(response.text):
            if not href.startswith(f"/{language}/") or href in seen or href in todo:
                continue
            if re.search(r"/(export|download|logout)|\.(csv|pdf|ics|json|pb)\b", href):
                continue
            kind = _kind(href)
            if per_kind.get(kind, 0) < PER_KIND:
                per_kind[kind] = per_kind.get(kind, 0) + 1
                todo.append(href)
    return seen


@pytest.mark.demo(shared=True)
def test_every_public_page_of_the_demo_marks_the_language_of_officials_texts(client, site):
    texts = known_texts(site)
    assert len(texts) > 50  # the demo's bodies, calls, decisions, campaigns, missions, councils
    faults: list[str] = []
    for language in ("en", "ja", "fr"):
        assert len(crawl(client, language, texts, faults)) > 30
    assert not faults, "\n".join(sorted(set(faults))[:40])


def test_the_check_reads_the_html_as_the_browser_does():
    html = (
        '<html lang="en"><head><title>Conseil des Échantillons</title></head><body><p>Our '
        '<span lang="fr">Conseil des Échantillons</span> meets.<br>Conseil des Exemples '
        "<textarea>Conseil des Exemples</textarea><span data-lang-unchecked>“Conseil des Exemples”</span></p>"
    )
    runs = html_runs(html)
    assert [language for language, _text in runs] == ["en", "fr", "en"]
    texts = {"Conseil des Échantillons": {"fr"}, "Conseil des Exemples": {"fr"}}
    assert language_faults(runs, texts) == ["'Conseil des Exemples' (fr) shown as lang='en'"]
