"""LEXIMIN: the distribution over feasible panels that is fairest to the least-favoured people.

Flanigan, Gölz, Gupta, Hennig, Procaccia, "Fair algorithms for selecting citizens' assemblies",
Nature 596 (2021): maximise the lowest selection probability, then the next lowest, and so on.
Only the open-source HiGHS solver (LP + MIP) is used.

Everything works on *types* (see `model`): interchangeable people get equal probabilities in the
(unique) leximin vector of selection probabilities, so there is one probability per type,
``pi_t = E[x_t] / n_t`` where ``x_t`` is how many of the ``n_t`` members of type ``t`` sit.

Fast path (``method="auto"``), exact whenever it succeeds:

1. *Relaxed leximin.* The set ``R`` of fractional type counts satisfying the quotas contains the
   convex hull of the feasible panels. Leximin over ``R`` is a short sequence of small LPs (one
   variable per type): maximise ``z`` with ``pi_t >= z`` for the types not yet fixed, fix the
   types whose constraint has a positive dual at ``z``, repeat.
2. *Decomposition by rounding.* Write the target ``y = pi * n`` as a convex combination of
   feasible panels: find a panel that rounds ``y`` (every ``x_t`` and every quota count is ``y``'s
   value rounded down or up), step ``y <- (y - theta x) / (1 - theta)`` with the largest
   ``theta`` that keeps ``y`` within the same roundings, which makes at least one more value
   integral; repeat. If every step succeeds, ``pi`` is achievable, hence it is the leximin
   optimum over the panels too (an optimum over a superset that lies in the subset).
3. *Completion.* If rounding stalls (the integer hull is smaller than ``R`` there, or float
   round-off), column generation on ``max z s.t. sum_P lambda_P x_tP / n_t >= z pi_t`` starting
   from the panels found decides whether ``pi`` is achievable (``z = 1``).

The fast path's result is accepted only if its panels are feasible and reproduce ``pi`` within
``PROB_TOL`` (1e-7).

Exact fallback (``method="cg"``, also used when the fast path fails), after Flanigan et al.:
column generation on the restricted master LP over the panels found so far, solved as its dual
(minimise ``mu - sum_{fixed} p_t d_t`` s.t. ``sum_t (x_tP / n_t) d_t <= mu`` for each panel,
``sum_{unfixed} d_t = 1``, ``d >= 0``); the panel MIP maximises ``sum_t (d_t / n_t) x_t`` and a
panel beating ``mu`` is added as a row (dual simplex warm start); at a level's optimum ``z`` every
unfixed type with a positive dual is fixed at ``z``. The final master's basic solution is the
distribution.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from .model import (
    INF,
    InfeasibleQuotas,
    PanelOracle,
    TypeModel,
    constraint_rows,
    explain_infeasibility,
    new_highs,
)

GAP_TOL = 1e-7  # column generation stops when the level's optimum is proven within this
DUAL_TOL = 1e-9  # a type is fixed when its dual weight exceeds this
MIP_GAP = 1e-9  # the pricing MIP must be solved (almost) exactly
PROB_TOL = 1e-7  # the fast path must reproduce the relaxed optimum this closely
FIX_SLACK = 1e-9  # a fixed probability may fall this much below its level in later LPs


@dataclass
class TypeDistribution:
    """A lottery over panels described by type counts."""

    panels: np.ndarray  # (num_panels, num_types) int: seats per type
    probabilities: np.ndarray  # (num_panels,) float, sums to 1
    type_probabilities: np.ndarray  # (num_types,): each member's selection probability
    stats: dict[str, float | str] = field(default_factory=dict)


Progress = Callable[[float], None]  # fraction of the work done, from 0 to 1


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


def relaxation_lp(model: TypeModel) -> highspy.Highs:
    """The first level of ``R`` as a HiGHS model: maximise ``z`` (column ``n``) over fractional
    seats per type ``x_t`` within the quota rows (in the model's order), then one row per type,
    ``x_t / n_t - z >= 0`` (rows from ``len(constraint_rows(model)[0])`` on)."""
    n = model.num_types
    counts = model.counts.astype(float)
    h = new_highs()
    h.addVars(n, np.zeros(n), counts)  # x_t, fractional seats per type
    h.addVar(0.0, 1.0)  # z, column n
    h.changeColsCost(1, np.array([n], dtype=np.int32), np.array([1.0]))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    lower, upper, starts, index, values = constraint_rows(model)
    h.addRows(
        len(lower),
        np.array(lower),
        np.array(upper),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(values),
    )
    h.addRows(
        n,
        np.zeros(n),
        np.full(n, INF),
        2 * n,
        np.arange(0, 2 * n, 2, dtype=np.int32),
        np.column_stack([np.arange(n, dtype=np.int32), np.full(n, n, dtype=np.int32)]).ravel(),
        np.column_stack([1.0 / counts, -np.ones(n)]).ravel(),
    )  # x_t / n_t - z >= 0
    return h


def _relaxed_leximin(model: TypeModel) -> np.ndarray:
    """Leximin of the per-type probabilities over the LP relaxation ``R`` (see module docstring)."""
    n = model.num_types
    counts = model.counts.astype(float)
    h = relaxation_lp(model)
    base = h.getNumRow() - n
    fixed = np.zeros(n, dtype=bool)
    point = np.zeros(n)
    while not fixed.all():
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError("relaxed leximin LP: " + h.modelStatusToString(h.getModelStatus()))
        z = float(h.getInfo().objective_function_value)
        solution = h.getSolution()
        point = np.clip(np.asarray(solution.col_value)[:n], 0.0, counts)
        d = -np.asarray(solution.row_dual)[base:]
        newly = ~fixed & (d > DUAL_TOL)
        if not newly.any():
            newly = ~fixed & (d >= d[~fixed].max())
        for t in np.flatnonzero(newly):
            h.changeCoeff(base + int(t), n, 0.0)
            h.changeRowBounds(base + int(t), z - FIX_SLACK, INF)  # the slack absorbs LP round-off
        fixed |= newly
    # the last optimum is the leximin point: it meets every quota (unlike the levels, which carry
    # LP round-off) and its seats add up to the panel size
    return point / counts


def _decompose_by_rounding(
    model: TypeModel, oracle: PanelOracle, target: np.ndarray, progress: Progress | None
) -> tuple[list[np.ndarray], list[float], bool]:
    """Write `target` (fractional type counts) as a convex combination of panels, by rounding.

    Returns (panels, weights, complete).
    """
    n = model.num_types
    lower, upper, _starts, _index, _values = constraint_rows(model)
    row_sets = [np.arange(n), *model.quota_types, *(np.array(g) for g in model.households)]
    row_lo, row_hi = np.array(lower), np.array(upper)
    m = len(row_sets)
    all_cols, all_rows = np.arange(n, dtype=np.int32), np.arange(m, dtype=np.int32)
    counts = model.counts.astype(float)
    residual, mass = target.astype(float).copy(), 1.0
    panels: list[np.ndarray] = []
    weights: list[float] = []
    snap = 1e-9
    complete = False
    # any rounding is correct; the objective only steers towards long steps, so a 10 % gap will do
    oracle.h.setOptionValue("mip_rel_gap", 0.1)
    try:
        while True:
            y = residual / mass
            # round down and up, never outside the model's own bounds (float drift grows as the
            # remaining mass shrinks)
            lo = np.clip(np.floor(y + snap), 0.0, counts)
            hi = np.maximum(np.clip(np.ceil(y - snap), 0.0, counts), lo)
            sums = np.array([y[idx].sum() for idx in row_sets])
            s_lo = np.clip(np.floor(sums + snap), row_lo, row_hi)
            s_hi = np.maximum(np.clip(np.ceil(sums - snap), row_lo, row_hi), s_lo)
            oracle.h.changeColsBounds(n, all_cols, lo, hi)
            oracle.h.changeRowsBounds(m, all_rows, s_lo, s_hi)
            frac = y - lo
            x = oracle.best(frac - 0.5)  # prefer rounding up the larger fractional parts
            if x is None:  # no rounding: fine if only numerical dust is left (checked by the caller)
                return panels, weights, mass <= PROB_TOL
            theta = 1.0
            up = x > lo + 0.5
            free = hi > lo
            if (free & up).any():
                theta = min(theta, float(frac[free & up].min()))
            if (free & ~up).any():
                theta = min(theta, float((1.0 - frac[free & ~up]).min()))
            xs = np.array([x[idx].sum() for idx in row_sets])
            s_frac = sums - s_lo
            free_s = s_hi > s_lo
            up_s = xs > s_lo + 0.5
            if (free_s & up_s).any():
                theta = min(theta, float(s_frac[free_s & up_s].min()))
            if (free_s & ~up_s).any():
                theta = min(theta, float((1.0 - s_frac[free_s & ~up_s]).min()))
            weight = theta * mass
            panels.append(x)
            weights.append(weight)
            residual -= weight * x
            mass -= weight
            if progress:
                progress(0.1 + 0.9 * (1.0 - mass))
            if theta >= 1.0 - snap or mass <= 1e-10:
                complete = True
                return panels, weights, complete
            if len(panels) > 4 * (n + m) + 10:  # no progress guarantee left: give up
                return panels, weights, False
    finally:
        oracle.h.setOptionValue("mip_rel_gap", MIP_GAP)
        oracle.h.changeColsBounds(n, all_cols, np.zeros(n), model.counts.astype(float))
        oracle.h.changeRowsBounds(m, all_rows, row_lo, row_hi)


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


def leximin_distribution(
    model: TypeModel, *, progress: Progress | None = None, method: str = "auto"
) -> TypeDistribution:
    """The LEXIMIN distribution over feasible panels (see the module docstring).

    `method` is ``"auto"`` (relaxation + rounding, exact column generation if that fails) or
    ``"cg"`` (column generation only). Raises `InfeasibleQuotas` when no panel exists.
    """
    started = time.perf_counter()
    oracle = PanelOracle(model)
    n = model.num_types
    if oracle.best(np.zeros(n)) is None:
        info = explain_infeasibility(model)
        assert info is not None
        raise InfeasibleQuotas(info)
    if method not in ("auto", "cg"):
        raise ValueError(f"unknown method {method!r}")
    found: list[np.ndarray] = []
    if method == "auto":
        try:
            pi = _relaxed_leximin(model)
        except RuntimeError:  # numerical trouble: the exact method decides
            return _column_generation(model, progress=progress)
        if progress:
            progress(0.1)
        target = pi * model.counts
        panels, weights, complete = _decompose_by_rounding(model, oracle, target, progress)
        found = [x for x in panels if model.panel_is_feasible(x)]
        complete = complete and len(found) == len(panels)
        method_used = "relaxation+rounding"
        matrix: np.ndarray | None = None
        lam = np.array(weights)
        if complete:
            matrix = np.array(panels, dtype=np.int64)
        else:  # finish the decomposition by column generation from the panels found
            completed = _complete_by_column_generation(model, oracle, pi, found)
            if completed is not None:
                matrix, lam = completed
                method_used = "relaxation+rounding+column-generation"
        if matrix is not None:
            lam = lam / lam.sum()
            type_probs = (lam @ matrix) / model.counts
            if np.abs(type_probs - pi).max() <= PROB_TOL and all(model.panel_is_feasible(x) for x in matrix):
                merged: dict[bytes, int] = {}
                rows: list[np.ndarray] = []
                probs: list[float] = []
                for x, w in zip(matrix, lam, strict=True):
                    if w <= 0:
                        continue
                    key = x.tobytes()
                    if key in merged:
                        probs[merged[key]] += float(w)
                    else:
                        merged[key] = len(rows)
                        rows.append(x)
                        probs.append(float(w))
                if progress:
                    progress(1.0)
                stats: dict[str, float | str] = {
                    "seconds": time.perf_counter() - started,
                    "method": method_used,
                    "oracle_calls": float(oracle.calls),
                    "types": float(n),
                }
                return TypeDistribution(np.array(rows), np.array(probs), type_probs, stats)
    result = _column_generation(model, progress=progress, initial_panels=found)
    result.stats["seconds"] = time.perf_counter() - started
    return result
