"""Sortition for plugins: pools, quotas, the draw and its public verification.

``read_pool``/``pool_from_records`` make a ``Pool``, ``make_quotas`` its ``Quotas``
(``check_quotas`` first, ``InfeasibleQuotas`` when no panel can meet them); ``draw_panel`` and
``draw_lot`` draw with a ``Stream`` seeded publicly, record a ``DrawRecord`` that anyone can check
with ``verify``, and ``replacements`` names who replaces a member leaving.
"""

from __future__ import annotations

from parvis.sortition import (
    DrawRecord,
    InfeasibleQuotas,
    InputError,
    Pool,
    Quotas,
    Stream,
    Verification,
    check_quotas,
    draw_lot,
    draw_panel,
    lot_spec,
    pool_from_records,
    read_pool,
    replacements,
    verify,
)
from parvis.sortition.errors import ProblemCollector
from parvis.sortition.predraw import file_sha256, predraw, scan_roll
from parvis.sortition.quotas import make_quotas, quotas_from_canonical

__all__ = [
    "DrawRecord",
    "InfeasibleQuotas",
    "InputError",
    "Pool",
    "ProblemCollector",
    "Quotas",
    "Stream",
    "Verification",
    "check_quotas",
    "draw_lot",
    "draw_panel",
    "file_sha256",
    "lot_spec",
    "make_quotas",
    "pool_from_records",
    "predraw",
    "quotas_from_canonical",
    "read_pool",
    "replacements",
    "scan_roll",
    "verify",
]
