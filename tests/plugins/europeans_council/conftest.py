"""Fixtures for the Council of Europeans's tests: only this plugin (and core) enabled, English messages."""

from __future__ import annotations

import pytest

from parvis import i18n


@pytest.fixture
def parvis_plugins() -> list[str]:
    return ["europeans_council"]


@pytest.fixture(autouse=True)
def english(site):
    token = i18n.current_locale.set("en")
    yield
    i18n.current_locale.reset(token)
