"""The register of draws in a real browser: a visitor finds a draw from the footer, filters the
list, opens a replacement draw linked to its original and reads how to check it, in French,
English and Japanese. Pages pass axe's WCAG 2.1 AA checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parvis.api.sortition import PublishedFile, publish_draw
from parvis.sortition import draw_lot, draw_panel, lot_spec, make_quotas, pool_from_records, replacement_draw
from parvis.testing import translated as t

LOCALES = ["fr", "en", "ja"]
POOL = pool_from_records(
    [
        {"id": f"r{i:02d}", "gender": "f" if i % 2 else "m", "age": ("young", "old")[i % 3 == 0]}
        for i in range(14)
    ]
)


@pytest.fixture
def published(db, site):
    """A lot of one body; a stratified panel of another and the replacement draw that completes it."""
    pool_file = [PublishedFile("pool", POOL.canonical_bytes())]
    common = {"plugin": "tests", "files": pool_file}
    publish_draw(
        db,
        site,
        body_key="youth",
        body_name="Conseil des jeunes",
        kind="lot",
        title="Appel 2026",
        subject="t/lot",
        record=draw_lot(POOL, lot_spec(seats=4), ["Loto 1 2 3"]),
        **common,
    )
    quotas = make_quotas(6, {"gender": {"f": (3, 3), "m": (3, 3)}, "age": {"young": (2, 5), "old": (1, 4)}})
    panel = draw_panel(POOL, quotas, ["EuroMillions 4 5 6"])
    original = publish_draw(
        db,
        site,
        body_key="assembly",
        body_name="Assemblée citoyenne",
        kind="panel",
        title="Promotion 2026, collège A",
        subject="t/panel",
        record=panel,
        **common,
    )
    publish_draw(
        db,
        site,
        body_key="assembly",
        body_name="Assemblée citoyenne",
        kind="replacement",
        title="Promotion 2026, collège A (remplacements)",
        subject="t/replacement",
        record=replacement_draw(panel, POOL, ["EuroMillions 7 8 9"], sitting=panel.panel[2:]),
        follows=original,
        **common,
    )
    db.commit()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_visitor_checks_a_replacement_draw_from_the_register(page, a11y, published, locale):
    page.goto(f"/{locale}/")
    page.locator("footer").get_by_role("link", name=t(locale, "Register of draws")).click()
    expect(page).to_have_url(re.compile(rf"/{locale}/draws$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t(locale, "Register of draws"))
    a11y(page)
    page.get_by_label(t(locale, "Kind of draw")).select_option("replacement")
    page.get_by_role("button", name=t(locale, "Filter")).click()
    expect(page.get_by_role("link", name="Appel 2026")).to_have_count(0)
    page.get_by_role("link", name="Promotion 2026, collège A (remplacements)").click()
    check = page.get_by_role("region", name=t(locale, "How to check this draw"))
    expect(check).to_contain_text("parvis draw verify")
    expect(check).to_contain_text(".pool.csv")
    a11y(page)
    page.get_by_role("link", name="Promotion 2026, collège A", exact=True).click()
    # The register keeps the site's language: on an English or Japanese page, marked "(in French)".
    heading = page.get_by_role("heading", level=1)
    expect(heading.locator('[lang="fr"]') if locale != "fr" else heading).to_have_text(
        "Promotion 2026, collège A"
    )
