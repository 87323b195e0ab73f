"""Site search: stemming, Japanese bigrams, filters, escaping, reindexing, odd queries."""

from __future__ import annotations

import types
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from parvis.api import hookimpl
from parvis.api.content import ContentItem, ContentKind, ContentRef
from parvis.api.search import SearchDocument, rebuild, reindex, search

SHELF: dict[str, ContentItem] = {}


def _item(key: str, title: str, text: str = "", district: str | None = None, language: str | None = None):
    return ContentItem(
        ContentRef("lab.note", key),
        title,
        f"/lab/{key}",
        text,
        district=district,
        language=language,
        published_at=datetime(2026, 3, 1, tzinfo=UTC),
    )


def _documents(db, site):
    return [SearchDocument.from_item(item) for item in SHELF.values() if item.public]


LAB = types.SimpleNamespace(
    register_content_kinds=hookimpl(
        lambda site: [
            ContentKind("lab.note", "Note", lambda db, site, key: SHELF.get(key)),
            ContentKind("lab.poster", "Poster", lambda db, site, key: None),
        ]
    ),
    search_documents=hookimpl(_documents),
)


@pytest.fixture
def lab(make_site, db):
    SHELF.clear()
    SHELF.update(
        {
            "1": _item("1", "Jardin partagé du square", "Des bénévoles arrosent les plantes.", "d11", "fr"),
            "2": _item("2", "Community gardens", "Volunteers water the libraries' plants.", "d12", "en"),
            "3": _item("3", "地域の公園", "私たちは公園清掃のボランティアを募集しています。", "d11", "ja"),
            "4": _item("4", "Réparation de vélos", "Atelier <script>alert(1)</script> & outils", None, "fr"),
        }
    )
    site = make_site(["budget"], extra=(("lab", LAB),))
    rebuild(db, site)
    return site


def keys(results):
    return [hit.ref.key for hit in results.hits]


@pytest.mark.hooks("search_documents")
def test_rebuild_indexes_every_document_of_the_hook(db, lab):
    assert rebuild(db, lab) == 4
    assert search(db, lab, "jardin").total == 1


def test_french_plural_finds_the_singular_and_accents_are_folded(db, lab):
    assert keys(search(db, lab, "jardins")) == ["1"]
    assert keys(search(db, lab, "benevole")) == ["1"]
    assert keys(search(db, lab, "PARTAGE")) == ["1"]
    assert keys(search(db, lab, "réparations")) == ["4"]


def test_english_plurals_are_stemmed(db, lab):
    assert keys(search(db, lab, "garden")) == ["2"]
    assert keys(search(db, lab, "library")) == ["2"]
    assert keys(search(db, lab, "volunteer")) == ["2"]


def test_a_japanese_word_is_found_inside_a_sentence(db, lab):
    assert keys(search(db, lab, "清掃")) == ["3"]  # two characters in the middle of a sentence
    assert keys(search(db, lab, "ボランティア")) == ["3"]
    assert keys(search(db, lab, "公")) == ["3"]
    assert search(db, lab, "清公").total == 0  # the characters, not next to each other


def test_every_word_must_match(db, lab):
    assert keys(search(db, lab, "jardin bénévoles")) == ["1"]
    assert search(db, lab, "jardin vélo").total == 0


def test_filters_by_kind_and_district(db, lab):
    assert sorted(keys(search(db, lab, "公園 jardin"))) == []
    assert sorted(keys(search(db, lab, "plantes"))) == ["1", "2"]
    assert keys(search(db, lab, "plantes", district="d11")) == ["1"]
    assert keys(search(db, lab, "plantes", district="d12")) == ["2"]
    assert search(db, lab, "jardin", kind="lab.poster").total == 0
    assert keys(search(db, lab, "jardin", kind="lab.note")) == ["1"]


def test_pagination_and_a_page_past_the_end(db, lab):
    SHELF.update({str(n): _item(str(n), f"Atelier vélo {n}") for n in range(10, 35)})
    rebuild(db, lab)
    first = search(db, lab, "atelier", page_size=10)
    assert (first.total, first.pages, len(first.hits)) == (26, 3, 10)
    late = search(db, lab, "atelier", page=9, page_size=10)
    assert (late.page, len(late.hits)) == (3, 6)


def test_highlighted_text_is_escaped(db, lab):
    hit = search(db, lab, "atelier").hits[0]
    html = str(hit.excerpt)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>Atelier</mark>" in html and "&amp; outils" in html
    assert str(search(db, lab, "velos").hits[0].title) == "Réparation de <mark>vélos</mark>"


def test_reindex_after_a_change_and_a_withdrawal(db, lab):
    ref = ContentRef("lab.note", "1")
    SHELF["1"] = _item("1", "Potager collectif", "Des tomates.", "d11", "fr")
    assert reindex(db, lab, ref) == 1
    assert search(db, lab, "jardin").total == 0
    assert keys(search(db, lab, "tomate")) == ["1"]
    SHELF["1"] = replace(SHELF["1"], public=False)
    assert reindex(db, lab, ref) == 0
    assert search(db, lab, "tomate").total == 0
    SHELF["5"] = _item("5", "Tomates du quartier")
    assert reindex(db, lab, "lab.note") == 4  # the whole kind, from the hook
    assert keys(search(db, lab, "tomates")) == ["5"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"jardin',
        "jardin NEAR bénévoles",
        "NEAR(jardin bénévoles)",
        "*",
        "jard*",
        "jardin OR",
        "AND",
        "-jardin",
        "title_stems:jardin",
        "^jardin",
        "jardin & | ! <-> :*",
        "(((",
        "'",
        "x" * 5000,
        "jardin " * 300,
        "🌳",
        "",
    ],
)
def test_odd_queries_never_fail(db, lab, query):
    results = search(db, lab, query)
    assert results.total >= 0


def test_operators_are_plain_words(db, lab):
    assert keys(search(db, lab, "jard*")) == ["1"]  # the star is dropped, "jard" is a prefix
    assert keys(search(db, lab, "NEAR(jardin bénévoles)")) == []  # "near" is a word like others


def test_a_very_common_word_is_ranked_within_the_newest_matches_and_counted_up_to_a_bound(
    lab, db, monkeypatch
):
    """A word matching more documents than are ranked: the newest ones are ranked (a title match
    first), the pages stop at the window, and the count says "more than" past its bound."""
    from parvis.search import query

    monkeypatch.setattr(query, "RANKED", 4)
    monkeypatch.setattr(query, "COUNTED", 6)
    for n in range(10):
        SHELF[f"g{n}"] = _item(f"g{n}", f"Note {n}", "jardin", None, "fr")
    SHELF["g10"] = _item("g10", "Jardin des plantes", "", None, "fr")
    rebuild(db, lab)
    found = search(db, lab, "jardin", page=1)
    assert found.total == 7 and found.more  # 13 match, counted to 6 + 1
    keys = [hit.ref.key for hit in search(db, lab, "jardin", page=1, page_size=2).hits]
    assert keys[0] == "g10"  # the newest, with the word in its title
    window = {hit.ref.key for p in (1, 2, 3) for hit in search(db, lab, "jardin", page=p, page_size=2).hits}
    assert window == {"g10", "g9", "g8", "g7"}  # the four newest matches, on two pages
    assert search(db, lab, "jardin", page=9, page_size=2).page == 2


def test_a_district_filter_on_a_very_common_word_ranks_the_newest_of_that_district(lab, db, monkeypatch):
    """Past the counted bound the window is found walking the newest documents: with a filter,
    only the filter's documents, however many newer ones of other districts match."""
    from parvis.search import query

    monkeypatch.setattr(query, "RANKED", 3)
    monkeypatch.setattr(query, "COUNTED", 4)
    for n in range(8):
        SHELF[f"a{n}"] = _item(f"a{n}", f"Note {n}", "jardin", "d11", "fr")
    for n in range(8):  # indexed after, so newer
        SHELF[f"b{n}"] = _item(f"b{n}", f"Note {n}", "jardin", "d12", "fr")
    rebuild(db, lab)
    found = search(db, lab, "jardin", district="d11", page_size=10)
    assert found.more
    assert {hit.ref.key for hit in found.hits} == {"a7", "a6", "a5"}
    few = search(db, lab, "jardin plantes", district="d11", page_size=10)  # below the bound
    assert [hit.ref.key for hit in few.hits] == ["1"] and few.total == 1


@pytest.mark.parametrize("walked_first", [True, False])
def test_postgresql_finds_the_same_page_walking_or_through_the_index(lab, db, monkeypatch, walked_first):
    """PostgreSQL counts a word it expects to be common by walking the newest documents, others
    through the full-text index: a visitor sees the same results and total either way."""
    if db.get_bind().dialect.name != "postgresql":
        pytest.skip("SQLite has one way")
    from parvis.search import postgresql, query

    monkeypatch.setattr(query, "RANKED", 4)
    monkeypatch.setattr(query, "COUNTED", 6)
    monkeypatch.setattr(postgresql, "_common_among_newest", lambda *args: walked_first)
    for n in range(12):
        SHELF[f"g{n}"] = _item(
            f"g{n}", f"Jardin {n}" if n % 3 == 0 else f"Note {n}", "jardin", f"d1{n % 2}", "fr"
        )
    rebuild(db, lab)
    found = search(db, lab, "jardin", page_size=2)
    # The window is the four newest matches (g11, g10, g9, g8): the word in the title first.
    assert found.more and [hit.ref.key for hit in found.hits] == ["g9", "g8"]
    found = search(db, lab, "jardin", district="d11", page=2, page_size=2)  # "1" and odd g's
    assert found.more and found.page == 2
    assert [hit.ref.key for hit in found.hits] == ["g7", "g11"]  # window g11 g9 g7 g5, g9 first
    few = search(db, lab, "jardin partagé", page_size=10)
    assert [hit.ref.key for hit in few.hits] == ["1"]
