"""Fixtures shared by the sortition tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for sortition_helpers, whatever the import mode

from sortition_helpers import tiny_pool

from parvis.sortition import Pool, Quotas, make_quotas


@pytest.fixture
def small_instance() -> tuple[Pool, Quotas]:
    rows = [
        ("f", "young"),
        ("f", "young"),
        ("f", "old"),
        ("f", "old"),
        ("f", "old"),
        ("m", "young"),
        ("m", "old"),
        ("m", "old"),
        ("m", "old"),
        ("m", "old"),
    ]
    quotas = make_quotas(4, {"gender": {"f": (2, 2), "m": (2, 2)}, "age": {"young": (2, 3), "old": (1, 2)}})
    return tiny_pool(rows), quotas


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """Messages are checked in English: the CLI would otherwise speak the Paris site's French."""
    from parvis import i18n

    monkeypatch.setenv("PARVIS_LANG", "en")
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)
