"""Translated labels of the budget's codes: grades, themes, statuses, levels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from parvis import api
from parvis.api import _

if TYPE_CHECKING:
    from parvis.api import Site


def grade_labels(grades: Sequence[str]) -> list[str]:
    """Grade names, worst first, in the current language (the ids are Paris's own names)."""
    return [_(g) for g in grades]


def theme_label(site: Site, code: str) -> str:
    return api.theme_label(site.settings("budget").themes, code, "budget")


def theme_choices(site: Site) -> list[tuple[str, str]]:
    return api.theme_choices(site.settings("budget").themes, "budget")
