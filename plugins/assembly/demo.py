"""Demo data of the Citizens' Assembly."""

from __future__ import annotations

from typing import Any


def seed(db: Any, demo: Any) -> None:
    """Filled in with the whole promotion's journey."""
