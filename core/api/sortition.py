"""Sortition for plugins: pools, quotas, the draw and its public verification.

``read_pool``/``pool_from_records`` make a ``Pool``, ``make_quotas`` its ``Quotas``
(``check_quotas`` first, ``InfeasibleQuotas`` when no panel can meet them); ``draw_panel`` and
``draw_lot`` draw with a ``Stream`` seeded publicly, record a ``DrawRecord`` that anyone can check
with ``verify``, and ``replacements`` names who replaces a member leaving from the ranked reserve
while ``replacement_draw`` draws the replacements (LEXIMIN over the rest of the pool, conditioned
on the sitting members). Before drawing, ``sensitivity`` says how relaxing each quota bound by one
seat would change the lowest selection probability (``Sensitivity`` of ``BoundEffect``).

Every published draw goes into core's register of draws (``/{lang}/draws``) through
``publish_draw``; ``register_entry(db, subject)`` finds it again (to link to it), ``draw_url`` is
its page.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from parvis.draws.models import DrawEntry
from parvis.draws.service import DrawAlreadyPublishedError, PublishedFile, publish_draw, related
from parvis.draws.service import entry_for as register_entry
from parvis.sortition import (
    BoundEffect,
    DrawRecord,
    InfeasibleQuotas,
    InputError,
    Pool,
    Quotas,
    Sensitivity,
    Stream,
    Verification,
    check_quotas,
    draw_lot,
    draw_panel,
    lot_spec,
    pool_from_records,
    read_pool,
    replacement_draw,
    replacements,
    sensitivity,
    verify,
)
from parvis.sortition.errors import ProblemCollector
from parvis.sortition.predraw import file_sha256, predraw, scan_roll
from parvis.sortition.quotas import make_quotas, quotas_from_canonical


def following(db: Session, entry: DrawEntry) -> list[DrawEntry]:
    """The draws published later that complete ``entry`` (replacement draws)."""
    return related(db, entry)[0]


def draw_url(entry: DrawEntry) -> str:
    """The path of a draw's page in the register (without the ``/{lang}`` prefix)."""
    return f"/draws/{entry.public_id}"


__all__ = [
    "BoundEffect",
    "DrawAlreadyPublishedError",
    "DrawEntry",
    "DrawRecord",
    "InfeasibleQuotas",
    "InputError",
    "Pool",
    "ProblemCollector",
    "PublishedFile",
    "Quotas",
    "Sensitivity",
    "Stream",
    "Verification",
    "check_quotas",
    "draw_lot",
    "draw_panel",
    "draw_url",
    "file_sha256",
    "following",
    "lot_spec",
    "make_quotas",
    "pool_from_records",
    "predraw",
    "publish_draw",
    "quotas_from_canonical",
    "read_pool",
    "register_entry",
    "replacement_draw",
    "replacements",
    "scan_roll",
    "sensitivity",
    "verify",
]
