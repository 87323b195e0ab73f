"""LEXIMIN: the distribution over feasible panels that is fairest to the least-favoured people.

Flanigan, Gölz, Gupta, Hennig, Procaccia, "Fair algorithms for selecting citizens' assemblies",
Nature 596 (2021). It maximises the lowest selection probability, then the next lowest, and so on.
This implementation uses only open-source HiGHS (LP + MIP):

* Work on *types* (see `model`): interchangeable people get equal probabilities in the (unique)
  leximin marginal vector, so we optimise one probability per type, ``pi_t = sum_P lambda_P
  x_tP / n_t`` where ``x_tP`` is how many of the ``n_t`` members of type ``t`` panel ``P`` seats.
* Restricted master LP over the panels found so far (columns ``lambda_P``): maximise ``z`` subject to
  ``pi_t >= z`` for types not yet fixed, ``pi_t >= p_t`` for fixed types, ``sum lambda = 1``.
  Its row duals ``d_t`` price a new panel: the panel MIP (`PanelOracle`) maximises
  ``sum_t (d_t / n_t) x_t``; if that beats the convexity dual by more than `tol`, the panel is
  added (column generation), otherwise the level is optimal: ``max - mu`` bounds the gap.
* At an optimal level of value ``z*``, every unfixed type with a positive dual cannot get more
  than ``z*`` without lowering someone already at or below it (complementary slackness): fix them
  at ``z*`` and start the next level (warm-started: panels, basis and MIP are kept).
* When every type is fixed, the master's basic solution is the distribution (at most one panel
  per type plus one carries weight).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from .model import INF, InfeasibleQuotas, PanelOracle, TypeModel, explain_infeasibility, new_highs

GAP_TOL = 1e-7  # column generation stops when the level's optimum is proven within this
DUAL_TOL = 1e-9  # a type is fixed when its dual weight exceeds this


@dataclass
class TypeDistribution:
    """A lottery over panels described by type counts."""

    panels: np.ndarray  # (num_panels, num_types) int: seats per type
    probabilities: np.ndarray  # (num_panels,) float, sums to 1
    type_probabilities: np.ndarray  # (num_types,): each member's selection probability
    stats: dict[str, float] = field(default_factory=dict)


Progress = Callable[[int, int], None]  # (types fixed so far, number of types)


class _Master:
    """The restricted master LP, kept across iterations and levels."""

    def __init__(self, counts: np.ndarray) -> None:
        self.n = len(counts)
        self.inv = 1.0 / counts.astype(float)
        h = new_highs()
        h.setOptionValue("presolve", "off")
        h.addVar(0.0, 1.0)  # z, column 0
        h.changeColsCost(1, np.array([0], dtype=np.int32), np.array([1.0]))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        for t in range(self.n):  # pi_t - z >= 0
            h.addRow(0.0, INF, 1, np.array([0], dtype=np.int32), np.array([-1.0]))
        h.addRow(1.0, 1.0, 0, np.array([], dtype=np.int32), np.array([]))  # convexity
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
        rows = np.concatenate([nz, [self.n]]).astype(np.int32)
        vals = np.concatenate([x[nz] * self.inv[nz], [1.0]])
        self.h.addCol(0.0, 0.0, INF, len(rows), rows, vals)
        return True

    def fix(self, t: int, value: float) -> None:
        self.h.changeCoeff(t, 0, 0.0)
        self.h.changeRowBounds(t, value, INF)

    def solve(self) -> tuple[float, np.ndarray, float, np.ndarray]:
        """Return (z, duals d_t >= 0, convexity dual mu, lambda)."""
        self.h.run()
        status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:  # pragma: no cover - numerical trouble
            raise RuntimeError(f"master LP not optimal: {self.h.modelStatusToString(status)}")
        sol = self.h.getSolution()
        col = np.asarray(sol.col_value)
        dual = np.asarray(sol.row_dual)
        return float(col[0]), np.maximum(-dual[: self.n], 0.0), float(dual[self.n]), col[1:]


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


def leximin_distribution(
    model: TypeModel,
    *,
    progress: Progress | None = None,
    gap_tol: float = GAP_TOL,
    initial_rounds: int | None = None,
) -> TypeDistribution:
    """The LEXIMIN distribution over feasible panels. Raises `InfeasibleQuotas` if there is none."""
    started = time.perf_counter()
    oracle = PanelOracle(model)
    counts = model.counts
    n = model.num_types
    if oracle.best(np.zeros(n)) is None:
        info = explain_infeasibility(model)
        assert info is not None
        raise InfeasibleQuotas(info)
    master = _Master(counts)
    _initial_panels(oracle, master, counts, initial_rounds if initial_rounds is not None else min(n, 30))
    fixed = np.zeros(n, dtype=bool)
    fixed_value = np.zeros(n)
    levels = 0
    iterations = 0
    if progress:
        progress(0, n)
    while not fixed.all():
        levels += 1
        while True:
            iterations += 1
            z, d, mu, _lam = master.solve()
            x = oracle.best(d / counts)
            assert x is not None
            value = float((d / counts) @ x)
            if value <= mu + gap_tol:
                break
            if not master.add(x):  # the LP already has it: numerically optimal
                break
        unfixed = ~fixed
        newly = unfixed & (d > DUAL_TOL)
        if not newly.any():  # cannot happen with exact duals (they sum to 1 over unfixed types)
            newly = unfixed & (d >= d[unfixed].max())
        for t in np.flatnonzero(newly):
            master.fix(int(t), z)
        fixed |= newly
        fixed_value[newly] = z
        if progress:
            progress(int(fixed.sum()), n)
    _z, _d, _mu, lam = master.solve()
    lam = np.maximum(lam, 0.0)
    keep = lam > 1e-12
    panels = np.array(master.panels, dtype=np.int64)[keep]
    probs = lam[keep] / lam[keep].sum()
    type_probs = (probs @ panels) / counts
    stats = {
        "seconds": time.perf_counter() - started,
        "levels": float(levels),
        "iterations": float(iterations),
        "oracle_calls": float(oracle.calls),
        "panels_generated": float(len(master.panels)),
        "types": float(n),
    }
    return TypeDistribution(panels, probs, type_probs, stats)
