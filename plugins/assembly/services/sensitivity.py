"""Before college A's draw: how relaxing each quota by one seat would change the lowest chance of
selection (the engine's ``sensitivity``), computed by a job and kept until the pool or the quotas
change (a new announcement)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from sqlalchemy.orm import Session

from parvis.api import _, cached_file, format_number, format_percent, key_of
from parvis.api.sortition import BoundEffect, Sensitivity, sensitivity
from parvis.plugins.assembly.services import draws
from parvis.plugins.assembly.services import quotas as quota_rules
from parvis.plugins.assembly.services.common import AssemblyError

if TYPE_CHECKING:
    from collections.abc import Callable

    from parvis.api import Site


def cache_key(draw: Any) -> str:
    """What the figures depend on: the frozen pool and quotas, and the engine."""
    return key_of(
        "assembly.sensitivity", draw.public_id, draws.software_version(), draw.pool_sha256, draw.quotas
    )


def compute(draw: Any, progress: Callable[[float], None] | None = None) -> Sensitivity:
    quotas = draws.quotas_of(draw)
    if quotas is None:
        raise AssemblyError(_("This draw has no quotas."))
    return sensitivity(draws.pool_of(draw), quotas, progress=progress)


def encode(found: Sensitivity) -> bytes:
    return msgspec.json.encode(found)


def stored(db: Session, draw: Any) -> Sensitivity | None:
    """The figures computed for the draw as it stands, or None."""
    found = cached_file(db, cache_key(draw))
    return msgspec.json.decode(found.content, type=Sensitivity) if found is not None else None


def group(site: Site, effect: BoundEffect) -> tuple[str, str]:
    """How the quota's feature and value read (translated)."""
    label = quota_rules.value_label(site, effect.feature, effect.value)
    return quota_rules.feature_label(effect.feature), label


def points(change: float) -> str:
    """A change of probability in percentage points, signed: "+0.13"."""
    text = format_number(round(change * 100, 2))
    return "+" + text if change > 0 else text


def sentence(site: Site, found: Sensitivity, effect: BoundEffect) -> str:
    """The effect in plain words."""
    feature, value = group(site, effect)
    values = {
        "group": _("{feature}: {value}").format(feature=feature, value=value),
        "new": effect.new,
        "before": format_percent(found.minimum, 1),
        "after": format_percent(effect.minimum, 1),
    }
    if effect.bound == "max":
        return _(
            "Raising the maximum for {group} by one seat (to {new}) would raise the lowest chance "
            "of selection from {before} to {after}."
        ).format(**values)
    return _(
        "Lowering the minimum for {group} by one seat (to {new}) would raise the lowest chance "
        "of selection from {before} to {after}."
    ).format(**values)
