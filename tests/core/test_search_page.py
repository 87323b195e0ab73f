"""The search page /{lang}/search: form, results, filters, empty and no-result states, escaping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parvis.api.content import ContentRef
from parvis.search.documents import SearchDocument
from parvis.search.index import add_documents


@pytest.fixture
def indexed(db, site):
    add_documents(
        db,
        site,
        [
            SearchDocument(
                ContentRef("budget.idea", f"k{n}"),
                f"Jardin <b>{n}</b>",
                f"/budget/demo/ideas/k{n}",
                "Des bénévoles <img src=x onerror=alert(1)> arrosent.",
                "fr",
                site.config.districts[n % 2].code,
                datetime(2026, 3, n + 1, tzinfo=UTC),
            )
            for n in range(25)
        ],
    )
    db.commit()


def test_the_header_has_a_labelled_search_box(client):
    html = client.get("/en/").text
    assert 'role="search"' in html and 'for="site-search-q"' in html and 'action="/en/search"' in html


def test_an_empty_search_shows_the_form_only(client):
    response = client.get("/fr/search")
    assert response.status_code == 200
    assert 'for="search-page-q"' in response.text and 'role="status"' not in response.text


def test_results_are_counted_paged_and_escaped(client, indexed):
    html = client.get("/en/search", params={"q": "jardins"}).text
    assert "25 results" in html and 'role="status"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "<mark>Jardin</mark>" in html and 'href="/en/budget/demo/ideas/k' in html
    assert 'rel="next"' in html
    second = client.get("/en/search", params={"q": "jardin", "page": "2"}).text
    assert 'rel="prev"' in second and 'start="21"' in second
    echoed = client.get("/en/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in echoed and "&lt;script&gt;alert(1)" in echoed


def test_filters_and_a_search_with_no_result(client, indexed, site):
    district = site.config.districts[0].code
    html = client.get("/en/search", params={"q": "jardin", "kind": "budget.idea", "district": district}).text
    assert "13 results" in html
    none = client.get(
        "/ja/search", params={"q": "jardin", "kind": "volunteers.mission", "district": district}
    )
    assert none.status_code == 200 and 'href="/ja/search?q=jardin"' in none.text


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"'},
        {"q": "NEAR(a b)"},
        {"q": "*"},
        {"q": "x" * 3000},
        {"q": "jardin", "page": "99999999999999"},
        {"q": "jardin", "page": "-1"},
        {"q": "jardin", "kind": "nope", "district": "nowhere"},
    ],
)
def test_odd_parameters_never_fail(client, indexed, params):
    assert client.get("/fr/search", params=params).status_code == 200
