"""Themes a city configures for a plugin's objects (budget ideas, volunteer missions).

A theme's ``code`` is what objects store; its ``label`` an English message id, translated through
the plugin's catalogs; ``labels`` the city's own wording per language, for a theme the catalogs do
not know (``[[settings.volunteers.themes]] code = "port", label = "Harbour", labels = {fr = "Port"}``).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from parvis.i18n import current_locale, gettext


class Theme(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    label: str
    labels: dict[str, str] = {}

    def translated(self, domain: str) -> str:
        """The theme's name in the current language: the city's wording, else the catalog's of
        ``domain`` (the plugin's)."""
        return self.labels.get(current_locale.get()) or gettext(self.label, domain)


def theme_label(themes: Sequence[Theme], code: str, domain: str) -> str:
    """The name of the theme ``code`` (the code itself for a theme no longer configured)."""
    theme = next((t for t in themes if t.code == code), None)
    return theme.translated(domain) if theme is not None else code


def theme_choices(themes: Sequence[Theme], domain: str) -> list[tuple[str, str]]:
    """A select's (code, translated name) choices."""
    return [(theme.code, theme.translated(domain)) for theme in themes]
