"""Exact LEXIMIN by column generation (Flanigan et al.): the restricted master solved as its dual
LP, the initial panels, the level-by-level generation, and the completion of a decomposition the
fast path could not finish (see parvis.sortition.leximin for the whole method)."""

from __future__ import annotations

import time

import highspy
import numpy as np

from .leximin_base import DUAL_TOL, GAP_TOL, PROB_TOL, Progress, TypeDistribution
from .model import (
    INF,
    InfeasibleQuotas,
    PanelOracle,
    TypeModel,
    explain_infeasibility,
    new_highs,
)


class _Master:
    """The restricted master, solved as its dual LP and kept across iterations and levels.

    Dual LP: minimise ``mu - sum_{t fixed} p_t d_t`` subject to ``sum_t (x_tP / n_t) d_t <= mu`` for
    every panel ``P`` found so far, ``sum_{t not fixed} d_t = 1``, ``d >= 0``. A new panel is a
    new row, so the dual simplex restarts from the previous basis; the panel rows' duals are the
    probabilities ``lambda_P`` and the optimum is the level's value ``z``.
    """

    def __init__(self, counts: np.ndarray, norm: np.ndarray | None = None) -> None:
        self.n = len(counts)
        self.inv = 1.0 / counts.astype(float)
        h = new_highs()
        h.setOptionValue("presolve", "off")
        h.addVars(self.n, np.zeros(self.n), np.full(self.n, INF))  # d_t
        h.addVar(-INF, INF)  # mu, column n
        h.changeColsCost(1, np.array([self.n], dtype=np.int32), np.array([1.0]))
        h.changeObjectiveSense(highspy.ObjSense.kMinimize)
        coefficients = np.ones(self.n) if norm is None else np.asarray(norm, dtype=float)
        h.addRow(1.0, 1.0, self.n, np.arange(self.n, dtype=np.int32), coefficients)  # sum d = 1
        self.h = h
        self.keys: set[bytes] = set()
        self.panels: list[np.ndarray] = []

    def add(self, x: np.ndarray) -> bool:
        key = x.tobytes()
        if key in self.keys:
            return False
        self.keys.add(key)
        self.panels.append(x)
        nz = np.flatnonzero(x)
        cols = np.concatenate([nz, [self.n]]).astype(np.int32)
        vals = np.concatenate([x[nz] * self.inv[nz], [-1.0]])
        self.h.addRow(-INF, 0.0, len(cols), cols, vals)
        return True

    def fix(self, t: int, value: float) -> None:
        self.h.changeCoeff(0, t, 0.0)
        self.h.changeColsCost(1, np.array([t], dtype=np.int32), np.array([-value]))

    def solve(self) -> tuple[float, np.ndarray, float, np.ndarray]:
        """Return (z, duals d_t >= 0, mu, lambda)."""
        self.h.run()
        status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:  # pragma: no cover - numerical trouble
            raise RuntimeError(f"master LP not optimal: {self.h.modelStatusToString(status)}")
        sol = self.h.getSolution()
        col = np.asarray(sol.col_value)
        lam = -np.asarray(sol.row_dual)[1:]
        z = float(self.h.getInfo().objective_function_value)
        return z, np.maximum(col[: self.n], 0.0), float(col[self.n]), lam


def _initial_panels(oracle: PanelOracle, master: _Master, counts: np.ndarray, rounds: int) -> None:
    """A diverse start: multiplicative weights, then make sure every selectable type is covered."""
    n = len(counts)
    weights = np.ones(n) + 1e-3 * (np.arange(n) % 97) / 97  # deterministic tie-breaking
    for _ in range(rounds):
        x = oracle.best(weights)
        assert x is not None
        if not master.add(x):
            weights = 0.9 * weights + 0.1
            continue
        weights *= 1.0 - 0.2 * x / counts
        weights *= n / weights.sum()
    covered = np.zeros(n, dtype=bool)
    for x in master.panels:
        covered |= x > 0
    while not covered.all():
        # favour breadth: one unit of objective per uncovered type if all its members sit
        x = oracle.best(np.where(covered, 0.0, 1.0 / counts))
        assert x is not None
        if not (x[~covered] > 0).any():
            break
        master.add(x)
        covered |= x > 0
    for t in np.flatnonzero(~covered):  # each remaining type: can it sit at all?
        weights = np.zeros(n)
        weights[t] = 1.0
        x = oracle.best(weights)
        assert x is not None
        if x[t] > 0:
            master.add(x)
            covered |= x > 0


def _column_generation(
    model: TypeModel,
    *,
    progress: Progress | None = None,
    gap_tol: float = GAP_TOL,
    initial_rounds: int | None = None,
    initial_panels: list[np.ndarray] | None = None,
) -> TypeDistribution:
    """Exact LEXIMIN by column generation (see the module docstring)."""
    started = time.perf_counter()
    oracle = PanelOracle(model)
    counts = model.counts
    n = model.num_types
    if oracle.best(np.zeros(n)) is None:
        info = explain_infeasibility(model)
        assert info is not None
        raise InfeasibleQuotas(info)
    master = _Master(counts)
    for x in initial_panels or []:
        if model.panel_is_feasible(x):
            master.add(x)
    _initial_panels(oracle, master, counts, initial_rounds if initial_rounds is not None else min(n, 30))
    fixed = np.zeros(n, dtype=bool)
    fixed_value = np.zeros(n)
    levels = 0
    iterations = 0
    while not fixed.all():
        levels += 1
        unfixed = ~fixed
        while True:
            iterations += 1
            z, d, mu, lam = master.solve()
            best = oracle.best(d / counts)
            assert best is not None
            # no panel prices above mu: the restricted master is optimal for all panels
            if float((d / counts) @ best) <= mu + gap_tol or not master.add(best):
                break
        # the master's basic dual is optimal: a type with a positive dual cannot rise above z
        newly = unfixed & (d > DUAL_TOL)
        if not newly.any():  # cannot happen with exact duals (they sum to 1 over unfixed types)
            newly = unfixed & (d >= d[unfixed].max())
        for t in np.flatnonzero(newly):
            master.fix(int(t), z)
        fixed |= newly
        fixed_value[newly] = z
        if progress:
            progress(0.5 + 0.5 * float(fixed.mean()))
    lam = np.maximum(lam, 0.0)  # the last level's optimum is the distribution
    keep = lam > 1e-12
    panels = np.array(master.panels, dtype=np.int64)[keep]
    if not all(model.panel_is_feasible(x) for x in panels):  # pragma: no cover - a bug, not bad input
        raise RuntimeError("column generation produced an infeasible panel")
    probs = lam[keep] / lam[keep].sum()
    type_probs = (probs @ panels) / counts
    stats: dict[str, float | str] = {
        "seconds": time.perf_counter() - started,
        "levels": float(levels),
        "iterations": float(iterations),
        "oracle_calls": float(oracle.calls),
        "panels_generated": float(len(master.panels)),
        "types": float(n),
        "method": "column-generation",
    }
    return TypeDistribution(panels, probs, type_probs, stats)


def _complete_by_column_generation(
    model: TypeModel,
    oracle: PanelOracle,
    target: np.ndarray,
    panels: list[np.ndarray],
    gap_tol: float = GAP_TOL,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Is the per-type probability vector `target` achievable? Column generation on
    ``max z s.t. sum_P lambda_P x_tP / n_t >= z target_t, sum lambda = 1`` (the dual master with
    normalisation ``sum_t target_t d_t = 1``), warm-started with `panels`. Returns (panels,
    lambda) when ``z >= 1``, else None."""
    counts = model.counts
    master = _Master(counts, norm=target)
    if not panels:  # the LP needs one panel to be bounded
        first = oracle.best(np.ones(model.num_types))
        assert first is not None
        panels = [first]
    for x in panels:
        master.add(x)
    while True:
        z, d, mu, lam = master.solve()
        best = oracle.best(d / counts)
        assert best is not None
        if float((d / counts) @ best) <= mu + gap_tol or not master.add(best):
            break
    if z < 1.0 - PROB_TOL:
        return None
    lam = np.maximum(lam, 0.0)
    return np.array(master.panels, dtype=np.int64), lam / lam.sum()
