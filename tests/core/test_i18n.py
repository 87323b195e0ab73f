"""Translations: complete catalogs, Babel formats per language."""

from datetime import UTC, date, datetime

import pytest

from parvis import formatting, i18n_tools
from parvis.i18n import use_locale


def test_every_message_is_extracted_and_translated_in_fr_en_ja():
    problems = list(i18n_tools.problems())
    assert not problems, "\n".join(problems[:50]) + (
        f"\n... {len(problems) - 50} more" if len(problems) > 50 else ""
    )


def test_each_plugin_keeps_its_own_wording_with_core_as_fallback(site):
    """Domains are looked up separately: a plugin's translation of a shared id does not replace
    core's, and a message a plugin does not translate falls back to core's catalog."""
    from parvis import i18n

    with use_locale("fr"):
        assert i18n.gettext("Family name", domain="parvis") == "Nom de famille"
        assert i18n.gettext("Sign in", domain="budget") == "Se connecter"  # core's, through the fallback
        assert i18n.gettext("Not a message anywhere", domain="budget") == "Not a message anywhere"
        assert i18n.domain_of_module("parvis.plugins.budget.web.ballots") == "budget"
        assert i18n.domain_of_module("parvis.decisions.routes_public") == "parvis"


@pytest.mark.hooks("register_translations")
def test_each_plugin_has_its_own_domain(site):
    names = {d.name for d in site.translation_domains()}
    assert {"parvis", "budget", "volunteers", "assembly", "youth_council", "europeans_council"} <= names


@pytest.mark.parametrize(
    ("locale", "money", "day"),
    [
        ("fr", "1\u202f250,50\xa0€", "14 juillet 2026"),
        ("en", "€1,250.50", "July 14, 2026"),
        ("ja", "￥", "2026年7月14日"),
    ],
)
def test_money_and_dates_follow_the_language(site, locale, money, day):
    with use_locale(locale):
        formatted = formatting.format_money(125050)
        if locale == "ja":
            assert "1,250.50" in formatted and "€" in formatted
        else:
            assert formatted == money
        assert formatting.format_date(date(2026, 7, 14)) == day


def test_times_are_shown_in_the_site_time_zone(site):
    with use_locale("en"):
        assert formatting.format_time(datetime(2026, 7, 14, 16, 30, tzinfo=UTC)) == "6:30\u202fPM"
    with use_locale("fr"):
        assert formatting.format_time(datetime(2026, 1, 14, 16, 30, tzinfo=UTC)) == "17:30"


def test_the_catalog_merge_driver_keeps_both_sides_work(tmp_path):
    """Two branches each add messages and translate others: the merge keeps all of it."""
    from babel.messages.catalog import Catalog

    from parvis import i18n_tools

    def catalog(name, entries):
        c = Catalog(locale="fr", domain="parvis")
        for key, value in entries.items():
            c.add(key, value)
        path = tmp_path / f"{name}.po"
        i18n_tools.write(path, c)
        return path

    base = catalog("base", {"Old": "Vieux", "Todo": "", "Gone": "Parti"})
    ours = catalog("ours", {"Old": "Ancien", "Todo": "", "Gone": "Parti", "Mine": "À moi"})
    theirs = catalog("theirs", {"Old": "Vieux", "Todo": "À faire", "Theirs": "À eux"})
    assert i18n_tools.merge(base, ours, theirs, "fr") == []
    merged = {m.id: m.string for m in i18n_tools.read(ours, "fr", "parvis") if m.id}
    assert merged == {"Old": "Ancien", "Todo": "À faire", "Mine": "À moi", "Theirs": "À eux"}
    both = catalog("both", {"Old": "Autre", "Todo": ""})
    assert i18n_tools.merge(base, ours, both, "fr") == ["Old"]


def test_the_labels_of_a_workflow_file_are_extracted_for_translation(tmp_path):
    workflow = '[ticket]\nlabel = "Ticket"  # the workflow\n\n[[ticket.states]]\nname = "open"\n'
    (tmp_path / "workflows.toml").write_text(workflow + 'label = "Open to \\"all\\""\n', encoding="utf-8")
    extracted = i18n_tools.extract(i18n_tools.Domain("lab", tmp_path))
    assert {message.id for message in extracted if message.id} == {"Ticket", 'Open to "all"'}
