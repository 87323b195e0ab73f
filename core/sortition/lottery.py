"""Turning a seed into a panel: every random choice goes through `seed.Stream`.

* A distribution is published with integer weights summing to ``DENOMINATOR`` (``10**12``):
  ``publish_weights`` rounds the solver's probabilities down and gives the remaining units to
  the largest remainders (ties: lower index first).
* ``sample_panel``: stream ``"panel"``: pick panel ``j`` with ``choose_weighted(weights)``; then,
  for each type in increasing index with ``x_jt > 0``, ``sample(n_t, x_jt)`` picks members (by
  position in the type's id-sorted member list).
* ``draw_reserve``: stream ``"reserve"``: ``sample(m, r)`` over the ``m`` people not on the panel
  (sorted by id); the reserve is ranked in draw order.
* Simple lots: stream ``"lot"`` (uniform), or ``"lot/<group value>"`` per group, ``sample(n, seats +
  reserve)``: the first ``seats`` people sit, the next form the ranked reserve.
* ``apportion``: largest remainder (Hamilton) with each group capped at its number of
  applicants; equal remainders are ordered by a permutation drawn from stream ``"apportionment"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

import numpy as np

from parvis.i18n import _

from .seed import Stream

DENOMINATOR = 10**12


def publish_weights(probabilities: Sequence[float] | np.ndarray, denominator: int = DENOMINATOR) -> list[int]:
    probs = np.maximum(np.asarray(probabilities, dtype=float), 0.0)
    probs = probs / probs.sum()
    scaled = [Fraction(float(p)) * denominator for p in probs]
    floors = [int(s) for s in scaled]
    missing = denominator - sum(floors)
    order = sorted(range(len(scaled)), key=lambda j: (-(scaled[j] - floors[j]), j))
    for j in order[:missing]:
        floors[j] += 1
    return floors


def sample_panel(
    members: Sequence[Sequence[str]], panels: Sequence[Mapping[int, int]], weights: Sequence[int], seed: str
) -> tuple[int, list[str]]:
    """(index of the chosen panel, the chosen people sorted by id)."""
    stream = Stream(seed, "panel")
    j = stream.choose_weighted(weights)
    chosen: list[str] = []
    for t in sorted(panels[j]):
        seats = panels[j][t]
        if seats > 0:
            group = members[t]
            chosen += [group[i] for i in stream.sample(len(group), seats)]
    return j, sorted(chosen)


def draw_reserve(all_ids: Sequence[str], panel: Sequence[str], size: int, seed: str) -> list[str]:
    seated = set(panel)
    rest = sorted(pid for pid in all_ids if pid not in seated)
    size = min(size, len(rest))
    return [rest[i] for i in Stream(seed, "reserve").sample(len(rest), size)]


def uniform_lot(
    ids: Sequence[str], seats: int, reserve: int, seed: str, label: str = "lot"
) -> tuple[list[str], list[str]]:
    """(winners sorted by id, ranked reserve) among `ids` (sorted by id)."""
    ids = sorted(ids)
    if seats > len(ids):
        raise ValueError(_("{seats} seats but only {n} applicants").format(seats=seats, n=len(ids)))
    reserve = min(reserve, len(ids) - seats)
    order = [ids[i] for i in Stream(seed, label).sample(len(ids), seats + reserve)]
    return sorted(order[:seats]), order[seats:]


def apportion(
    seats: int, weights: Mapping[str, int | float], capacity: Mapping[str, int], seed: str
) -> dict[str, int]:
    """Largest-remainder apportionment of `seats` by `weights`, capped by `capacity`."""
    groups = sorted(weights)
    if seats > sum(capacity.get(g, 0) for g in groups):
        raise ValueError(
            _("{seats} seats but only {n} applicants").format(
                seats=seats, n=sum(capacity.get(g, 0) for g in groups)
            )
        )
    tie_order = {
        g: r
        for r, g in enumerate(
            groups[i] for i in Stream(seed, "apportionment").sample(len(groups), len(groups))
        )
    }
    result = dict.fromkeys(groups, 0)
    active = [g for g in groups if capacity.get(g, 0) > 0 and weights[g] > 0]
    remaining = seats
    while remaining > 0 and active:
        total = sum(Fraction(weights[g]) for g in active)
        quotas = {g: Fraction(weights[g]) * remaining / total for g in active}
        capped = [g for g in active if result[g] + quotas[g] >= capacity[g]]
        if capped:  # give full groups their capacity and share the rest again
            for g in capped:
                remaining -= capacity[g] - result[g]
                result[g] = capacity[g]
            active = [g for g in active if g not in capped]
            continue
        floors = {g: int(quotas[g]) for g in active}
        for g in active:
            result[g] += floors[g]
        left = remaining - sum(floors.values())
        order = sorted(active, key=lambda g: (-(quotas[g] - floors[g]), tie_order[g]))
        for g in order[:left]:
            result[g] += 1
        remaining = 0
    return result
