"""Static pages (parvis.pages): sanitising, drafts and publishing, history, the language fallback,
the default pages and the back office's authorisation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from parvis.pages import defaults, services
from parvis.pages.models import Page, PageRevision, PageStatus, RevisionKind
from parvis.pages.text import render
from parvis.testing import audit_entries

# -- sanitising (nh3, on the server) ---------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>Hello",
        "Hello <img src=x onerror=alert(1)>",
        '<p onclick="alert(1)" style="color:red">Hello</p>',
        "[Hello](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">Hello</a>',
        '<a href="&#106;avascript:alert(1)">Hello</a>',
        "<iframe src='https://example.org'></iframe>Hello",
        "<svg><script>alert(1)</script></svg>Hello",
    ],
)
def test_sanitising_strips_scripts_handlers_styles_and_javascript_urls(source):
    html = str(render(source)).lower()
    assert "hello" in html
    for bad in ("<script", "onerror", "onclick", "style=", "<iframe", "<svg", "alert(1)</"):
        assert bad not in html, (source, html)
    assert not re.search(r"href=\"[^\"]*javascript", html), html


def test_markdown_keeps_structure_links_get_noopener_and_headings_sit_under_the_title():
    html = str(render("# Heading\n\nSome **bold** and a [link](https://example.org).\n\n- one\n- two"))
    assert "<h2>Heading</h2>" in html
    assert "<h1" not in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html


# -- services ---------------------------------------------------------------------------------------


@pytest.fixture
def official(make_account):
    return make_account("official")


def new_page(db, site, editor, slug="guide", **texts):
    page = services.create_page(db, site, slug=slug, language="fr", title="Guide", editor=editor)
    services.save_texts(
        db,
        site,
        page,
        {code: services.Text(title, body) for code, (title, body) in texts.items()}
        or {"fr": services.Text("Guide", "Bonjour"), "en": services.Text("Guide", "Hello")},
        editor,
    )
    db.commit()
    return page


def test_every_edit_is_in_the_history_with_who_when_and_the_previous_text(db, site, official, clock):
    page = new_page(db, site, official)
    clock.advance(timedelta(minutes=5))
    services.save_texts(db, site, page, {"fr": services.Text("Guide", "Bonjour à tous")}, official)
    db.commit()
    edits = [r for r in services.history(db, page) if r.kind is RevisionKind.EDIT]
    assert [(r.language, r.previous_body) for r in edits] == [("fr", "Bonjour"), ("en", ""), ("fr", "")]
    assert {r.editor_id for r in edits} == {official.id}
    assert edits[0].at == site.now()


def test_an_unchanged_save_adds_nothing_to_the_history(db, site, official):
    page = new_page(db, site, official)
    count = len(services.history(db, page))
    assert services.save_texts(db, site, page, {"fr": services.Text("Guide", "Bonjour")}, official) == []
    assert len(services.history(db, page)) == count


def test_a_language_with_text_needs_a_title_and_the_original_always_does(db, site, official):
    page = new_page(db, site, official)
    with pytest.raises(services.Refused) as refused:
        services.save_texts(db, site, page, {"en": services.Text("", "Hello")}, official)
    assert refused.value.field == "title_en"
    with pytest.raises(services.Refused) as refused:
        services.save_texts(db, site, page, {"fr": services.Text("", "")}, official)
    assert refused.value.field == "title_fr"


@pytest.mark.parametrize("slug", ["guide/x", "a b", "new", "é", "-x", ""])
def test_addresses_are_plain_and_unique(db, site, official, slug):
    new_page(db, site, official, slug="taken")
    with pytest.raises(services.Refused) as refused:
        services.check_slug(db, slug)
    assert refused.value.field == "slug"
    with pytest.raises(services.Refused):
        services.check_slug(db, "taken")


def test_drafts_are_not_public_until_published_and_the_fallback_is_marked(db, site, official):
    page = new_page(db, site, official, fr=("Guide", "Bonjour"))
    assert page.status is PageStatus.DRAFT
    preview = services.show(page, "fr", draft=True)
    assert preview.title == "Guide" and "Bonjour" in preview.html
    services.publish(db, site, page, official)
    services.save_texts(db, site, page, {"fr": services.Text("Guide", "Nouveau texte")}, official)
    assert services.unpublished_changes(page)
    shown = services.show(page, "fr")
    assert "Bonjour" in shown.html and "Nouveau" not in shown.html
    english = services.show(page, "en")
    assert (english.language, english.translated) == ("fr", False)


# -- public pages and the footer ----------------------------------------------------------------


def test_default_pages_are_there_before_anything_is_stored(client, db):
    footer = client.get("/en/").text.split('<footer class="site-footer">')[1]
    assert 'href="/en/pages/accessibility">Accessibility: partially compliant</a>' in footer
    assert 'href="/en/pages/legal-notice">Legal notice</a>' in footer
    assert 'href="/en/privacy">Personal data</a>' in footer
    statement = client.get("/en/pages/accessibility")
    assert statement.status_code == 200
    for heading in (
        "Compliance status",
        "Non-compliance",
        "Derogations for disproportionate burden",
        "Recourse",
    ):
        assert f"<h2>{heading}</h2>" in statement.text or f"<h3>{heading}</h3>" in statement.text
    assert "Défenseur des droits" in statement.text
    assert '<a href="mailto:participation@example.org">participation@example.org</a>:' in statement.text
    assert client.get("/fr/accessibility").url.path == "/fr/pages/accessibility"
    assert db.scalar(select(Page.id)) is None, "showing a default stores nothing"


def test_stored_defaults_are_published_in_every_language_without_a_city_name(db, site):
    assert defaults.ensure(db, site) == 3
    assert defaults.ensure(db, site) == 0
    for page in db.scalars(select(Page)):
        assert page.status is PageStatus.PUBLISHED
        assert sorted(v.language for v in page.versions) == sorted(site.locales)
        for version in page.versions:
            assert version.published_title
            assert "{" not in version.published_body, version.published_body


def test_a_missing_language_shows_the_original_with_its_lang_attribute(client, db, site, official):
    page = new_page(db, site, official, fr=("Guide du quartier", "Bonjour à tous"))
    services.place(db, site, page, in_menu=True, in_footer=True, position=5, editor=official)
    services.publish(db, site, page, official)
    db.commit()
    html = client.get("/ja/pages/guide").text
    assert re.search(r'<h1 lang="fr">Guide du quartier</h1>', html)
    assert '<div class="page-text" lang="fr">' in html
    assert "フランス語" in html  # "in French", in the visitor's language
    assert '<a href="/ja/pages/guide" lang="fr"' in html  # the footer's and the menu's links
    french = client.get("/fr/pages/guide").text
    assert "<h1>Guide du quartier</h1>" in french and "translation-note" not in french


def test_a_draft_or_unknown_page_is_not_found(client, db, site, official):
    new_page(db, site, official)
    assert client.get("/en/pages/guide").status_code == 404
    assert client.get("/en/pages/no-such-page").status_code == 404


# -- back office --------------------------------------------------------------------------------


def test_official_creates_edits_previews_and_publishes_a_page(client, db, login_as):
    login_as("official")
    created = client.post(
        "/en/admin/pages/new",
        data={"title": "Open data", "language": "en", "slug": "open-data"},
        follow_redirects=False,
    )
    assert created.status_code == 303 and created.headers["location"] == "/en/admin/pages/open-data"
    form = {
        "title_en": "Open data",
        "body_en": "Our data <script>alert(1)</script>is **open**.",
        "title_fr": "Données ouvertes",
        "body_fr": "Nos données sont *ouvertes*.",
        "in_footer": "1",
        "position": "40",
    }
    saved = client.post("/en/admin/pages/open-data", data=form, follow_redirects=False)
    assert saved.status_code == 303
    preview = client.get("/fr/admin/pages/open-data/preview")
    assert "Nos données sont <em>ouvertes</em>." in preview.text
    assert client.get("/en/pages/open-data").status_code == 404, "a preview publishes nothing"
    assert client.post("/en/admin/pages/open-data/publish", follow_redirects=False).status_code == 303
    public = client.get("/en/pages/open-data").text
    assert "<strong>open</strong>" in public and "<script>alert" not in public
    assert 'href="/en/pages/open-data">Open data</a>' in client.get("/en/").text.split("site-footer")[1]
    history = client.get("/en/admin/pages/open-data/history").text
    assert "Text changed" in history and "Published" in history
    assert {e.action for e in audit_entries(db, "core.page")} >= {
        "core.page.add",
        "core.page.update",
        "core.page.publish",
    }
    assert client.post("/en/admin/pages/open-data/unpublish", follow_redirects=False).status_code == 303
    assert client.get("/en/pages/open-data").status_code == 404


def test_bad_input_comes_back_on_the_form_with_translated_messages(client, db, login_as):
    login_as("official")
    page = client.post("/fr/admin/pages/new", data={"title": "", "language": "xx", "slug": "Pas bon"})
    assert page.status_code == 400
    assert "Ce champ est obligatoire." in page.text
    client.post("/en/admin/pages/new", data={"title": "A", "language": "en", "slug": "a-page"})
    taken = client.post("/en/admin/pages/new", data={"title": "B", "language": "en", "slug": "a-page"})
    assert taken.status_code == 400 and "Another page already has this address." in taken.text
    missing_title = client.post(
        "/en/admin/pages/a-page", data={"title_en": "A", "body_fr": "Texte", "position": "1"}
    )
    assert missing_title.status_code == 400
    assert "Give this language a title too, or leave it empty." in missing_title.text
    bad_number = client.post("/en/admin/pages/a-page", data={"title_en": "A", "position": "many"})
    assert bad_number.status_code == 400


def test_the_accessibility_statement_is_edited_as_structured_fields(client, db, site, login_as):
    defaults.ensure(db, site)
    db.commit()
    login_as("admin")
    form = {
        "title_en": "Accessibility",
        "body_en": "We care.",
        "non_compliant_en": "Maps have no text alternative.",
        "title_fr": "Accessibilité",
        "title_ja": "アクセシビリティ",
        "level": "total",
        "rate": "100",
        "audit_date": "2026-06-30",
        "technologies": "HTML5, CSS",
        "position": "10",
        "in_footer": "1",
    }
    assert client.post("/en/admin/pages/accessibility", data=form, follow_redirects=False).status_code == 303
    assert client.post("/en/admin/pages/accessibility/publish", follow_redirects=False).status_code == 303
    statement = client.get("/en/pages/accessibility").text
    assert "This site is fully compliant" in statement
    assert "100%" in statement and "Maps have no text alternative." in statement
    assert "Accessibility: fully compliant" in statement.split("site-footer")[1]


def test_citizens_and_visitors_cannot_reach_the_back_office(client, login_as):
    assert client.get("/en/admin/pages", follow_redirects=False).status_code in (302, 303, 401)
    login_as()
    assert client.get("/en/admin/pages").status_code == 403
    assert (
        client.post("/en/admin/pages/new", data={"title": "x", "language": "en", "slug": "x"}).status_code
        == 403
    )


def test_erasing_an_account_keeps_the_history_without_the_link(db, site, official):
    from parvis import privacy

    page = new_page(db, site, official)
    privacy.erase(db, site, official) if hasattr(privacy, "erase") else None
    db.commit()
    revisions = db.scalars(select(PageRevision).where(PageRevision.page_id == page.id)).all()
    assert revisions and all(r.editor_id is None for r in revisions)
