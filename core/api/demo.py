"""Demo data for plugins (the ``seed_demo_data`` hook): the ``DemoContext`` and invented names."""

from __future__ import annotations

from parvis.demo import DemoContext
from parvis.demo_content import FAMILY, GIVEN_MEN, GIVEN_WOMEN

__all__ = ["FAMILY", "GIVEN_MEN", "GIVEN_WOMEN", "DemoContext"]
