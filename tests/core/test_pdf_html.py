"""parvis.pdf_html: HTML printed as tagged PDF/UA-1, resources from the site's static folders only."""

from pathlib import Path

import pytest

from parvis.pdf_html import (
    MissingTitleError,
    _fetcher,
    css_string,
    html_pdf,
    local_static_file,
    page_numbers_css,
    static_folders,
)
from parvis.testing_pdf import flat, read_pdf

BASE = "https://participation.example.org/"

JAPANESE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>フォローアップ報告</title>
<link rel="stylesheet" href="/static/core/print.css"></head>
<body><main><h1>フォローアップ報告</h1>
<ul><li>日曜日に図書館を開く：進行中</li><li>Rénovation énergétique</li></ul></main></body></html>"""


@pytest.fixture
def parvis_plugins():
    return []


def test_a_japanese_page_is_a_tagged_pdf_ua_document_with_its_text(site):
    read = read_pdf(html_pdf(site, JAPANESE, language="ja", base_url=BASE))
    assert read.tagged  # /MarkInfo << /Marked true >> and a /StructTreeRoot
    assert read.declares_pdf_ua  # pdfuaid:part="1" in its XMP metadata
    assert read.language == "ja"
    assert read.title == "フォローアップ報告"
    assert "フォローアップ報告" in read.xmp  # dc:title, which PDF/UA requires
    for text in ("日曜日に図書館を開く：進行中", "Rénovation énergétique"):  # kana and kanji, not tofu
        assert flat(text) in flat(read.text)


def test_the_language_given_wins_and_a_page_without_a_title_is_refused(site):
    html = JAPANESE.replace('lang="ja"', "")
    assert read_pdf(html_pdf(site, html, language="ja", base_url=BASE)).language == "ja"
    untitled = JAPANESE.replace("<title>フォローアップ報告</title>", "")
    with pytest.raises(MissingTitleError):
        html_pdf(site, untitled, language="ja", base_url=BASE)


def test_only_the_sites_static_files_are_read(site):
    folders = static_folders(site)
    css = local_static_file(folders, BASE, "/static/core/print.css")
    assert css == Path(folders["core"], "print.css")
    assert local_static_file(folders, BASE, BASE + "static/core/parvis.css") is not None
    for refused in (
        "https://elsewhere.example.com/static/core/print.css",  # another host
        "http://participation.example.org/static/core/print.css",  # another scheme
        "file:///etc/passwd",
        "/static/core/../../pyproject.toml",  # out of the folder
        "/static/core/%2e%2e/%2e%2e/pyproject.toml",
        "/static/nowhere/print.css",  # no such static folder
        "/static/core/missing.css",
        "/static/core/print.css?x=1",
        "/etc/passwd",
        "data:text/css,body{color:red}",
    ):
        assert local_static_file(folders, BASE, refused) is None, refused
    fetch = _fetcher(site, BASE)
    response = fetch(BASE + "static/core/print.css")
    assert response.read().startswith(b"/*") and response.content_type == "text/css"
    for refused in ("file:///etc/passwd", "https://elsewhere.example.com/x.css"):
        with pytest.raises(ValueError, match="static files"):
            fetch(refused)


def test_page_numbers_are_a_css_string_that_cannot_break_out():
    assert page_numbers_css("Page {page}") == '"Page " counter(page) "/" counter(pages) ""'
    assert page_numbers_css("{page} ページ") == '"" counter(page) "/" counter(pages) " ページ"'
    hostile = css_string('"; } </style><script>')
    assert '"' not in hostile[1:-1] and "<" not in hostile and "}" not in hostile


def test_the_hand_drawn_pdf_document_is_deprecated_for_plugins(site):
    from parvis.api import pdf_document

    with pytest.warns(DeprecationWarning, match="template_pdf"):
        doc = pdf_document(site, "Report", language="fr")
    doc.pdf.add_page()
    doc.para("Encore utilisable pendant la dépréciation.")
    assert doc.pdf.output().startswith(b"%PDF")
