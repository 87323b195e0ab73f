"""The design system: the site's brand ([site.brand]) checked for contrast and served as CSS custom
properties, the home page leading with what is open now, the component page in development only."""

import re
import types
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from parvis.brand import contrast, palette
from parvis.cli import cli
from parvis.config import BUNDLED_PROFILE, load_config
from parvis.config_schema import Brand
from parvis.web.navigation import HomePanel

PARIS = BUNDLED_PROFILE.read_text(encoding="utf-8")
EXAMPLE = BUNDLED_PROFILE.parent / "example.toml"


def check(tmp_path, monkeypatch, text, lang="en"):
    path = tmp_path / "city.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PARVIS_LANG", lang)
    return CliRunner().invoke(cli, ["config", "check", str(path)])


def test_contrast_ratios_are_wcags():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey for text
    assert contrast("#ffffff", "#ffffff") == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_brand_too_pale_for_text_is_refused_naming_the_key_and_the_ratio(tmp_path, monkeypatch, lang):
    text = PARIS.replace('primary = "#0c3b7c"', 'primary = "#7a9cc8"', 1)
    result = check(tmp_path, monkeypatch, text, lang)
    assert result.exit_code == 2, result.output
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("primary = "))
    assert "site.brand.primary" in result.output
    if lang == "en":
        assert f"line {line}:" in result.output
        assert "contrast of #7a9cc8 on #ffffff" in result.output
        assert "is 2.83:1, below the 4.5:1 WCAG AA asks for" in result.output
    else:
        assert f"ligne {line}\u202f:" in result.output
        assert "2,83:1" in result.output and "4,5:1" in result.output


def test_ui_marks_need_three_to_one_and_button_text_four_and_a_half(tmp_path, monkeypatch):
    pale_mark = check(
        tmp_path, monkeypatch, PARIS.replace('secondary = "#9a7410"', 'secondary = "#e8c96a"', 1)
    )
    assert pale_mark.exit_code == 2
    assert "site.brand.secondary" in pale_mark.output
    assert "below the 3:1" in pale_mark.output
    dark_on_dark = check(
        tmp_path,
        monkeypatch,
        PARIS.replace('primary = "#0c3b7c"', 'primary = "#0c3b7c"\non_primary = "#333333"', 1),
    )
    assert dark_on_dark.exit_code == 2
    assert "site.brand.on_primary" in dark_on_dark.output


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (('primary = "#0c3b7c"', 'primary = "navy"'), "site.brand.primary"),
        (
            (
                'secondary = "#9a7410"',
                'secondary = "#9a7410"\nfont_family = "x; } body { background: url(https://t.example)"',
            ),
            "site.brand.font_family",
        ),
        (
            ('secondary = "#9a7410"', 'secondary = "#9a7410"\nlogo = "nowhere.svg"\nlogo_alt = "Paris"'),
            "site.brand.logo",
        ),
        (
            ('secondary = "#9a7410"', 'secondary = "#9a7410"\nlogo = "example/logo.svg"'),
            "site.brand.logo_alt",
        ),
    ],
    ids=["not a colour", "font stack with an address", "missing logo", "logo without text"],
)
def test_other_brand_mistakes_are_refused(tmp_path, monkeypatch, change, key):
    result = check(tmp_path, monkeypatch, PARIS.replace(*change, 1))
    assert result.exit_code == 2, result.output
    assert key in result.output


def test_the_bundled_profiles_have_brands_of_their_own():
    paris, example = load_config(BUNDLED_PROFILE).site.brand, load_config(EXAMPLE).site.brand
    assert paris.primary != example.primary and paris.secondary != example.secondary
    assert not paris.logo and example.logo  # Boisjoli's invented leaf; Paris writes its name
    for brand in (paris, example, Brand()):
        colours = palette(brand)
        assert contrast(colours.primary, "#ffffff") >= 4.5
        assert contrast(colours.on_primary, colours.primary_dark) >= 4.5


def test_brand_colours_are_custom_properties_of_a_stylesheet_the_pages_link(client):
    page = client.get("/en/").text
    href = re.search(r'<link rel="stylesheet" href="(/brand\.css\?v=[0-9a-f]+)">', page)
    assert href, page[:1500]
    assert page.index("/static/core/parvis.css") < page.index(href[1])  # the brand wins
    response = client.get(href[1])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "--brand: #0c3b7c;" in response.text
    assert "--brand-secondary: #9a7410;" in response.text
    assert "--on-brand: #ffffff;" in response.text
    assert "style-src 'self'" in response.headers["content-security-policy"]
    assert href[1] in client.get("/en/no-such-page").text  # error pages wear the brand too


def test_a_logo_is_served_by_the_site_with_its_text_alternative(make_site, monkeypatch):
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    site = make_site([])
    brand = site.config.site.brand
    monkeypatch.setattr(brand, "logo", str(EXAMPLE.parent / "example" / "logo.svg"))
    monkeypatch.setattr(brand, "logo_alt", {"fr": "Ville de Boisjoli", "en": "City of Boisjoli"})
    monkeypatch.setattr(brand, "font_family", "Ubuntu, sans-serif")
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        page = client.get("/en/").text
        logo = re.search(
            r'<img class="brand-logo" src="(/brand/logo\.svg\?v=[0-9a-f]+)" alt="City of Boisjoli">', page
        )
        assert logo, page[:2000]
        assert 'alt="Ville de Boisjoli"' in client.get("/fr/").text
        served = client.get(logo[1])
        assert served.status_code == 200
        assert served.headers["content-type"] == "image/svg+xml"
        assert client.get("/brand/logo.png").status_code == 404
        css = client.get(re.search(r'href="(/brand\.css\?v=[0-9a-f]+)"', page)[1]).text
        assert "--font-body: Ubuntu, sans-serif;" in css


def panels_plugin(now):
    """A plugin giving the home page two ways to take part, a call and a vote."""
    return types.SimpleNamespace(
        home_panels=lambda request, db: [
            HomePanel("Garden council", "Meet your neighbours.", "/en/garden", "Learn more", order=1),
            HomePanel(
                "Applications to the garden council",
                "Apply to sit on it.",
                "/en/garden/apply",
                "Apply",
                kind="call",
                deadline=now + timedelta(days=20),
            ),
            HomePanel(
                "Vote on the bridge",
                "Choose its colour.",
                "/en/bridge/vote",
                "Vote",
                kind="vote",
                deadline=now + timedelta(days=3),
            ),
            HomePanel("Bridge committee", "Follow the works.", "/en/bridge", "Learn more", order=2),
        ]
    )


@pytest.mark.hooks("home_panels")
def test_the_home_page_leads_with_what_is_open_now_soonest_first(make_site):
    from parvis import hookimpl
    from parvis.testing import ParvisClient
    from parvis.web.app import create_app

    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    plugin = panels_plugin(now)
    plugin.home_panels = hookimpl(plugin.home_panels)
    site = make_site([], extra=(("garden", plugin),))
    with ParvisClient(create_app(site), base_url="http://testserver.local") as client:
        page = client.get("/en/").text
    main = page[page.index('<main id="main"') :]
    cards = re.findall(
        r'<li class="card( card-open)?">\s*'
        r'(?:<span class="badge badge-open">([^<]+)</span>)?\s*<h3><a href="([^"]+)">',
        main,
    )
    assert [(bool(open_), badge, href) for open_, badge, href in cards][:4] == [
        (True, "Vote open", "/en/bridge/vote"),  # closes first
        (True, "Open call", "/en/garden/apply"),
        (False, "", "/en/garden"),
        (False, "", "/en/bridge"),  # then core's own (the follow-up), by order
    ]
    assert main.index("Open now") < main.index("Vote on the bridge") < main.index("Ways to take part")
    assert "Until December 7, 2026" in main  # the vote's last day, in the site's time zone
    assert 'class="cards cards-open"' in main  # cards that share the width: no empty column


def test_the_component_page_is_for_development_only(client, site, monkeypatch):
    page = client.get("/en/_components")
    assert page.status_code == 200
    for name in ("buttons", "fields", "notices", "cards", "table", "breadcrumbs", "pagination", "badges"):
        assert f'<section class="component" id="{name}"' in page.text
    # each component is shown and its markup given to copy
    assert '<button type="button" class="button-danger">Delete</button>' in page.text
    assert (
        "&lt;button type=&#34;button&#34; class=&#34;button-danger&#34;&gt;{{ _(&#34;Delete&#34;) }}"
        in page.text
    )
    monkeypatch.setattr(site.config.server, "development", False)
    assert client.get("/en/_components").status_code == 404
    assert client.get("/fr/_components").status_code == 404
