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

The shared types and tolerances are in ``leximin_base``, the fast path in ``leximin_relaxed``,
column generation in ``leximin_cg``; this module chooses between them (and re-exports their names).
"""

from __future__ import annotations

import time

import numpy as np

from .leximin_base import DUAL_TOL, FIX_SLACK, GAP_TOL, MIP_GAP, PROB_TOL, Progress, TypeDistribution
from .leximin_cg import _column_generation, _complete_by_column_generation, _initial_panels, _Master
from .leximin_relaxed import _decompose_by_rounding, _relaxed_leximin, relaxation_lp
from .model import (
    InfeasibleQuotas,
    PanelOracle,
    TypeModel,
    explain_infeasibility,
)

__all__ = [
    "DUAL_TOL",
    "FIX_SLACK",
    "GAP_TOL",
    "MIP_GAP",
    "PROB_TOL",
    "Progress",
    "TypeDistribution",
    "_Master",
    "_column_generation",
    "_complete_by_column_generation",
    "_decompose_by_rounding",
    "_initial_panels",
    "_relaxed_leximin",
    "leximin_distribution",
    "relaxation_lp",
]


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
