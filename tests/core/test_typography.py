"""Typography per language (issue 18.3): the formatting layer and the catalogs carry the rules,
and every public page of the demo, crawled in each language, follows them.

French: a narrow no-break space (U+202F) before : ; ! ? and inside « », "1er" for the first of the
month, "Prénom : ce champ est obligatoire." in a form's summary. Japanese: full-width punctuation
after Japanese text ("名称：").
"""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser

import pytest

from parvis import formatting, i18n, i18n_tools
from parvis.testing import crawl, typography_faults

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", date(2026, 10, 1), "1er octobre 2026"),
        ("fr", date(2026, 10, 11), "11 octobre 2026"),
        ("fr", date(2026, 10, 21), "21 octobre 2026"),
        ("en", date(2026, 10, 1), "October 1, 2026"),
        ("ja", date(2026, 10, 1), "2026年10月1日"),
    ],
)
def test_the_first_of_the_month_is_1er_in_french(language, day, expected):
    with i18n.use_locale(language):
        assert formatting.format_date(day) == expected
    with i18n.use_locale("fr"):
        assert formatting.format_date(date(2026, 10, 1), "full") == "jeudi 1er octobre 2026"
        assert formatting.format_date(date(2026, 10, 1), "short") == "01/10/2026"
        assert formatting.format_datetime(datetime(2026, 10, 1, 10)).startswith("1er oct. 2026")


def test_punctuate_follows_each_language():
    text = "Prénom : oui ! « Vraiment » ? https://example.org/?page=2 10:30"
    assert formatting.punctuate(text, "fr") == (
        f"Prénom{NNBSP}: oui{NNBSP}! «{NNBSP}Vraiment{NNBSP}»{NNBSP}? https://example.org/?page=2 10:30"
    )
    assert formatting.punctuate("名称: 値です!", "ja") == "名称：値です！"
    assert formatting.punctuate("Name : value !", "en") == "Name : value !"
    assert formatting.labelled("Prénom", "Ce champ est obligatoire.", "fr") == (
        f"Prénom{NNBSP}: ce champ est obligatoire."
    )
    assert formatting.labelled("名称", "入力してください。", "ja") == "名称：入力してください。"
    assert formatting.labelled("Given name", "This field is required.", "en") == (
        "Given name: This field is required."
    )


def test_the_catalogs_follow_the_rules():
    faults = []
    for domain in i18n_tools.domains():
        for language in ("fr", "ja"):
            catalog = i18n_tools.read(i18n_tools.po_path(language, domain), language, domain.name)
            for message in catalog:
                if not message.id:
                    continue  # the header
                strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
                for string in strings:
                    found = typography_faults(string or "", language, strict=True)
                    faults += [f"{domain.name} {language}: {f}" for f in found]
    assert not faults, "\n".join(faults[:30])


def test_a_form_error_summary_in_french_and_japanese(client, login_as):
    login_as()
    page = client.post("/fr/account", data={"given_name": ""}).text
    assert f"Prénom{NNBSP}: ce champ est obligatoire." in page
    page = client.post("/ja/account", data={"given_name": ""}).text
    label = i18n_tools.read(i18n_tools.po_path("ja", "parvis"), "ja", "parvis")["Given name"].string
    assert f"{label}：" in page


class _Text(HTMLParser):
    """The visible text of a page (not scripts, styles, code or text marked in another language)."""

    SKIPPED = {"script", "style", "code", "pre", "textarea", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stack: list[bool] = []  # per open element: is its text left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in self.VOID:
            return
        other = found.get("lang") not in (None, self.language) or found.get("translate") == "no"
        self.stack.append(tag in self.SKIPPED or other or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


@pytest.mark.demo(shared=True)
def test_every_public_page_of_the_demo_follows_its_typography(client):
    """The demo (`parvis demo`'s data) crawled from the home page in each language, up to two
    pages of a kind (two missions, two decisions, ...)."""
    faults: list[str] = []
    for language in ("fr", "ja", "en"):
        seen, found = crawl(client, language, lambda html, language=language: _typography(html, language))
        assert len(seen) > 30, sorted(seen)
        faults += found
    assert not faults, "\n".join(sorted(set(faults))[:40])


def _typography(html: str, language: str) -> list[str]:
    parser = _Text(language)
    parser.feed(html)
    return typography_faults("".join(parser.parts), language)
