"""Nationalities and the "strong link" with the city, as the application form asks them.

Country names come from Babel (CLDR) in the reader's language: "Allemagne", "Germany", "ドイツ".
"""

from __future__ import annotations

from collections.abc import Sequence

from parvis.api import N_, _, babel_locale

LINKS = {
    "residence": N_("I live in the city"),
    "work": N_("I work in the city"),
    "study": N_("I study in the city"),
}


def country_name(code: str) -> str:
    return babel_locale().territories.get(code, code)


def choices(codes: Sequence[str]) -> list[tuple[str, str]]:
    """(code, name) sorted by the name in the reader's language."""
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1])


def link_choices() -> list[tuple[str, str]]:
    return [(code, _(label)) for code, label in LINKS.items()]
