"""Language of parts (WCAG 3.1.2) on the demo: every public page, crawled from the home page in
French, English and Japanese, shows each official's text (an original or a translation, of every
translatable kind) inside an element whose lang is that text's language (parvis.testing_lang)."""

from __future__ import annotations

import pytest

from parvis.testing import crawl
from parvis.testing_lang import html_runs, known_texts, language_faults


@pytest.mark.demo(shared=True)
def test_every_public_page_of_the_demo_marks_the_language_of_officials_texts(client, site):
    texts = known_texts(site)
    assert len(texts) > 50  # the demo's bodies, calls, decisions, campaigns, missions, councils
    faults: list[str] = []
    for language in ("en", "ja", "fr"):
        seen, found = crawl(client, language, lambda html: language_faults(html_runs(html), texts))
        assert len(seen) > 30
        faults += found
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
