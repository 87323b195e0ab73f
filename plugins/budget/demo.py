"""Demo data for the participatory budget (fictitious): see ``seed``."""

from __future__ import annotations

from typing import Any


def seed(db: Any, demo: Any) -> None:
    """Filled in below once the pages exist."""
