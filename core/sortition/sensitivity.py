"""How each quota bound changes the lowest selection probability, before drawing.

The lowest probability of the LEXIMIN distribution is its first level, the *maximin*: the largest
``z`` such that some lottery over feasible panels gives every person a chance of at least ``z``.
`sensitivity` computes it (the LEXIMIN distribution, `leximin`) and then, for each quota bound
relaxed by one seat (minimum - 1, maximum + 1), the new minimum, exactly:

* the first level of the LP relaxation is re-solved with the relaxed bound (a warm-started LP of a
  few milliseconds): its value ``z_R`` bounds the new minimum from above;
* a relaxation keeps every panel of today's distribution feasible, so the new minimum is at least
  today's: when ``z_R`` does not exceed today's minimum, the bound does not bind and nothing
  changes;
* otherwise (the bound binds), the minimum is recomputed with the relaxed bound: by LEXIMIN's
  fast path when rounding decomposed today's distribution, else by column generation on the first
  level alone, warm-started with today's panels (`maximin`).

Tightening a bound is not offered: the LP cannot prove that it changes nothing, so every bound
would need a full LEXIMIN (64 of them on a Paris-like instance, minutes in all).

The first-order estimate from the dual values of the LP relaxation (``estimate``) is returned too:
instant, but it describes the fractional relaxation for an infinitesimal move and overestimates a
one-seat step (docs/sortition.md, "Before drawing: how each quota affects fairness").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import highspy
import msgspec
import numpy as np

from .leximin import DUAL_TOL, GAP_TOL, _Master, leximin_distribution, relaxation_lp
from .model import PanelOracle, TypeModel, build_model
from .pool import Pool
from .quotas import Quotas

CHANGE_TOL = 1e-7  # a change below this is solver round-off, reported as none


class BoundEffect(msgspec.Struct, frozen=True):
    """Relaxing one bound of one quota by one seat.

    ``bound`` is ``"min"`` (``new = current - 1``) or ``"max"`` (``new = current + 1``);
    ``minimum`` is the lowest selection probability with the new bound, ``change`` its difference
    with today's (never negative, up to solver round-off), ``estimate`` the first-order figure
    from the LP relaxation's duals.
    """

    feature: str
    value: str
    bound: str
    current: int
    new: int
    minimum: float
    change: float
    estimate: float

    @property
    def binds(self) -> bool:
        return self.change > 0


class Sensitivity(msgspec.Struct, frozen=True):
    """The lowest selection probability today and the effect of relaxing each bound by one seat.

    ``effects`` is sorted by the change (largest first, then by feature, value and bound); a bound
    that cannot be relaxed (a minimum of 0, a maximum already at the panel size or the group's
    size) is left out.
    """

    panel_size: int
    people: int
    minimum: float
    effects: tuple[BoundEffect, ...]
    seconds: float
    recomputed: int = 0  # bounds whose minimum was recomputed (the others are proven not to bind)

    def binding(self) -> list[BoundEffect]:
        return [e for e in self.effects if e.binds]


Progress = Callable[[float], None]


class _RelaxedLevel:
    """The first level of the LP relaxation, ``max z`` over fractional type counts meeting the
    quotas with ``x_t / n_t >= z``, built once; `solve` re-runs it (warm start) after `set_bounds`."""

    def __init__(self, model: TypeModel) -> None:
        h = relaxation_lp(model)
        self.h = h
        self.quotas = len(model.quota_rows)

    def set_bounds(self, row: int, low: int, high: int) -> None:
        """Quota row `row` (in the model's order) gets the bounds [low, high]."""
        self.h.changeRowBounds(1 + row, float(low), float(high))

    def solve(self) -> tuple[float, np.ndarray] | None:
        """(z, each quota row's dual value), or None if no fractional panel meets the quotas."""
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        duals = np.asarray(self.h.getSolution().row_dual)[1 : 1 + self.quotas]
        return float(self.h.getInfo().objective_function_value), duals


def _estimate(minimum: float, dual: float, bound: str, step: int, fixed: bool) -> float:
    """First order: HiGHS's row dual is the objective's derivative in the row's active bound
    (negative for a minimum, positive for a maximum); the other bound has no effect."""
    active = fixed or (bound == "min" and dual < -DUAL_TOL) or (bound == "max" and dual > DUAL_TOL)
    return float(min(1.0, max(0.0, minimum + dual * step))) if active else minimum


def maximin(model: TypeModel, panels: list[np.ndarray], *, gap_tol: float = GAP_TOL) -> float:
    """The largest lowest selection probability over lotteries of feasible panels: column
    generation on `leximin`'s restricted master (its first level only), warm-started with `panels`
    (those feasible for `model`; at least one must be)."""
    oracle = PanelOracle(model)
    counts = model.counts
    master = _Master(counts)
    for x in panels:
        if model.panel_is_feasible(x):
            master.add(x)
    while True:
        z, d, mu, _lam = master.solve()
        best = oracle.best(d / counts)
        assert best is not None
        if float((d / counts) @ best) <= mu + gap_tol or not master.add(best):
            return z


def _moves(model: TypeModel) -> list[tuple[int, str, int]]:
    """(quota row, bound, new bound) for every bound that can be relaxed by one seat."""
    counts = model.counts
    out: list[tuple[int, str, int]] = []
    for r, ((_f, _v, lo, hi), idx) in enumerate(zip(model.quota_rows, model.quota_types, strict=True)):
        available = int(counts[idx].sum())
        cap = min(available, model.panel_size)
        if lo > 0:
            out.append((r, "min", lo - 1))
        if hi < cap:
            out.append((r, "max", hi + 1))
    return out


def sensitivity(pool: Pool, quotas: Quotas, *, progress: Progress | None = None) -> Sensitivity:
    """The lowest selection probability and how relaxing each quota bound by one seat changes it.

    Raises `InfeasibleQuotas` if no panel meets the quotas, `InputError` as `build_model` does.
    `progress` receives the fraction of the work done.
    """
    started = time.perf_counter()
    model = build_model(pool, quotas)
    base = leximin_distribution(model, progress=(lambda done: progress(0.5 * done)) if progress else None)
    minimum = float(base.type_probabilities.min())
    panels = list(base.panels)  # still feasible with any bound relaxed: a warm start
    # Both are exact; which is faster depends on the instance. When rounding decomposed today's
    # LEXIMIN, it will most likely decompose the relaxed one (1,500/80: 3 s against minutes of
    # column generation); when it stalled (small pools of near-unique people), the first level's
    # column generation warm-started with today's panels is much faster (0.4 s against 3 s).
    rounding = base.stats.get("method") == "relaxation+rounding"
    level = _RelaxedLevel(model)
    solved = level.solve()
    duals = solved[1] if solved is not None else np.zeros(len(model.quota_rows))
    moves = _moves(model)
    binding = 0
    effects: list[BoundEffect] = []
    for done, (r, bound, new) in enumerate(moves):
        feature, value, lo, hi = model.quota_rows[r]
        current = lo if bound == "min" else hi
        low, high = (new, hi) if bound == "min" else (lo, new)
        level.set_bounds(r, low, high)
        relaxed = level.solve()
        level.set_bounds(r, lo, hi)
        if relaxed is None or relaxed[0] <= minimum + CHANGE_TOL:
            z = minimum  # today's panels stay feasible: the minimum cannot fall, nor rise above z_R
        else:
            binding += 1
            rows = list(model.quota_rows)
            rows[r] = (feature, value, low, high)
            variant = replace(model, quota_rows=rows)
            if rounding:
                z = float(leximin_distribution(variant).type_probabilities.min())
            else:
                z = maximin(variant, panels)
        change = z - minimum
        if abs(change) < CHANGE_TOL:
            z, change = minimum, 0.0
        estimate = _estimate(minimum, float(duals[r]), bound, new - current, lo == hi)
        effects.append(BoundEffect(feature, value, bound, current, new, z, change, estimate))
        if progress:
            progress(0.5 + 0.5 * (done + 1) / len(moves))
    effects.sort(key=_order)
    return Sensitivity(
        panel_size=model.panel_size,
        people=int(model.counts.sum()),
        minimum=minimum,
        effects=tuple(effects),
        seconds=time.perf_counter() - started,
        recomputed=binding,
    )


def _order(effect: BoundEffect) -> tuple[float, str, str, str]:
    return (-effect.change, effect.feature, effect.value, effect.bound)
