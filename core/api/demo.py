"""Demo data for plugins (the ``seed_demo_data`` hook): the ``DemoContext`` and invented names."""

from __future__ import annotations

from parvis.demo import FAMILY, GIVEN_MEN, GIVEN_WOMEN, DemoContext

__all__ = ["FAMILY", "GIVEN_MEN", "GIVEN_WOMEN", "DemoContext"]
