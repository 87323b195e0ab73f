"""Themes a city configures: its own wording wins, the plugin's catalog translates the rest."""

from parvis.api import Theme, theme_choices, theme_label, use_locale


def test_a_theme_is_named_in_the_city_wording_else_through_the_plugin_catalog(site):
    themes = [Theme("environment", "Environment"), Theme("port", "Harbour", labels={"fr": "Marina"})]
    with use_locale("fr"):
        assert theme_label(themes, "port", "volunteers") == "Marina"
        assert theme_label(themes, "environment", "volunteers") == "Environnement"
        assert theme_label(themes, "gone", "volunteers") == "gone"  # a theme no longer configured
    with use_locale("en"):
        assert theme_choices(themes, "volunteers") == [("environment", "Environment"), ("port", "Harbour")]
