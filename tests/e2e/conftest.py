"""Browser tests: every test in this folder gets the `e2e` marker.

The fixtures (`browser`, `context`, `page`, `a11y`) come from `parvis.testing`, so tests elsewhere
(and plugins' own suites) use the same single Playwright instance.
"""

from pathlib import Path

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
