"""LEXIMIN's fast path: leximin over the LP relaxation of the quotas, then the decomposition of that
point into feasible panels by rounding (see parvis.sortition.leximin for the whole method)."""

from __future__ import annotations

import highspy
import numpy as np

from .leximin_base import DUAL_TOL, FIX_SLACK, MIP_GAP, PROB_TOL, Progress
from .model import (
    INF,
    PanelOracle,
    TypeModel,
    constraint_rows,
    new_highs,
)


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
