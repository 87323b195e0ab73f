"""Translated labels of the budget's codes: grades, themes, statuses, levels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis.api import _, current_locale

if TYPE_CHECKING:
    from parvis.api import Site


def grade_labels(grades: Sequence[str]) -> list[str]:
    """Grade names, worst first, in the current language (the ids are Paris's own names)."""
    return [_(g) for g in grades]


def theme_label(site: Site, code: str) -> str:
    theme = site.settings("budget").theme(code)
    if theme is None:
        return code
    return theme.labels.get(current_locale.get()) or _(theme.label)


def theme_choices(site: Site) -> list[tuple[str, str]]:
    return [(t.code, theme_label(site, t.code)) for t in site.settings("budget").themes]
