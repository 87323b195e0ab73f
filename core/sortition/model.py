"""From a pool and quotas to the integer model of feasible panels.

People with the same values for every quota feature are interchangeable, so they are grouped
into *types*: the panel model has one integer variable per type (how many of its members sit on
the panel) instead of one binary per person. With the household rule, everyone whose household
has two or more people in the pool is a type of their own, and each such household gets a
"at most one" row.

Types are numbered by their smallest member id (code point order); members are sorted by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from parvis.i18n import _

from .errors import ProblemCollector
from .pool import Pool
from .quotas import Quotas

try:  # the raw binding: no banner on stdout, no callback threads
    from highspy._core import _Highs as _HighsClass
except ImportError:  # pragma: no cover - older or newer layouts
    from highspy import Highs as _HighsClass

import highspy

INF = highspy.kHighsInf


def new_highs(*, time_limit: float | None = None) -> Any:  # highspy's _Highs (its stubs lack some methods)
    """A silent, single-threaded, seeded HiGHS instance (for reproducible solves)."""
    h = _HighsClass()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    return h


@dataclass
class TypeModel:
    """The aggregated instance."""

    panel_size: int
    members: list[list[str]]  # per type, sorted person ids
    profiles: list[tuple[str, ...]]  # per type, its value for each feature of `features`
    features: list[str]
    quota_rows: list[tuple[str, str, int, int]]  # (feature, value, min, max) in quota order
    quota_types: list[np.ndarray]  # per quota row, the type indices it counts
    households: list[list[int]] = field(default_factory=list)  # groups of types (size >= 2), at most one

    @property
    def counts(self) -> np.ndarray:
        return np.array([len(m) for m in self.members], dtype=np.int64)

    @property
    def num_types(self) -> int:
        return len(self.members)

    def type_of(self) -> dict[str, int]:
        return {pid: t for t, ms in enumerate(self.members) for pid in ms}

    def panel_is_feasible(self, x: np.ndarray) -> bool:
        """Whether type counts `x` form a panel satisfying every rule."""
        x = np.asarray(x, dtype=np.int64)
        if x.shape != (self.num_types,) or (x < 0).any() or (x > self.counts).any():
            return False
        if int(x.sum()) != self.panel_size:
            return False
        for (_f, _v, lo, hi), idx in zip(self.quota_rows, self.quota_types, strict=True):
            if not lo <= int(x[idx].sum()) <= hi:
                return False
        return all(int(x[g].sum()) <= 1 for g in self.households)


def build_model(pool: Pool, quotas: Quotas) -> TypeModel:
    """Group the pool into types. Raises `InputError` if a person's value has no quota, a quota
    feature is not a pool column, or the household column is missing."""
    problems = ProblemCollector()
    features = quotas.features
    for col in [*features, *([quotas.household_column] if quotas.household_column else [])]:
        if col not in pool.columns:
            problems.add(0, _("the pool has no column {column}").format(column=col))
    problems.raise_if_any(_("pool and quotas"))
    cols = [pool.columns.index(f) for f in features]
    allowed = {f: set(quotas.values(f)) for f in features}
    # One pass: count each missing value (usually a typo in the quotas) and note who has it; the
    # report says each value once, then the people concerned.
    missing: dict[tuple[str, str], int] = {}
    people: list[tuple[int, str, str, str]] = []
    for i, (pid, row) in enumerate(zip(pool.ids, pool.rows, strict=True)):
        for f, j in zip(features, cols, strict=True):
            if row[j] not in allowed[f]:
                missing[f, row[j]] = missing.get((f, row[j]), 0) + 1
                people.append((i + 2, pid, row[j], f))
    for (f, value), count in sorted(missing.items()):
        problems.add(
            0,
            _("value {value!r} of {feature} has no quota ({count} people); known values: {known}").format(
                value=value, feature=f, count=count, known=", ".join(sorted(allowed[f])) or "-"
            ),
        )
    for line, pid, value, f in people:
        problems.add(
            line,
            _("person {id}: value {value!r} of {feature} has no quota").format(
                id=pid, value=value, feature=f
            ),
        )
    problems.raise_if_any(_("canonical pool"))

    household_of: dict[str, str] = {}
    shared: set[str] = set()
    if quotas.household_column:
        hj = pool.columns.index(quotas.household_column)
        sizes: dict[str, int] = {}
        for row in pool.rows:
            sizes[row[hj].casefold()] = sizes.get(row[hj].casefold(), 0) + 1
        for pid, row in zip(pool.ids, pool.rows, strict=True):
            key = row[hj].casefold()
            household_of[pid] = key
            if sizes[key] > 1:
                shared.add(pid)

    groups: dict[tuple[str, ...], list[str]] = {}
    singles: list[tuple[tuple[str, ...], str]] = []
    for pid, row in zip(pool.ids, pool.rows, strict=True):
        profile = tuple(row[j] for j in cols)
        if pid in shared:
            singles.append((profile, pid))
        else:
            groups.setdefault(profile, []).append(pid)
    entries = [(ms[0], profile, ms) for profile, ms in groups.items()]
    entries += [(pid, profile, [pid]) for profile, pid in singles]
    entries.sort(key=lambda e: e[0])
    members = [e[2] for e in entries]
    profiles = [e[1] for e in entries]

    quota_rows = [(q.feature, q.value, q.min, q.max) for q in quotas.quotas]
    fpos = {f: k for k, f in enumerate(features)}
    quota_types = [
        np.array([t for t, p in enumerate(profiles) if p[fpos[f]] == v], dtype=np.int64)
        for f, v, _lo, _hi in quota_rows
    ]
    households: list[list[int]] = []
    if quotas.household_column:
        by_house: dict[str, list[int]] = {}
        for t, ms in enumerate(members):
            if len(ms) == 1 and ms[0] in shared:
                by_house.setdefault(household_of[ms[0]], []).append(t)
        households = [sorted(g) for _k, g in sorted(by_house.items()) if len(g) > 1]
    return TypeModel(quotas.panel_size, members, profiles, features, quota_rows, quota_types, households)


def constraint_rows(model: TypeModel) -> tuple[list[float], list[float], list[int], list[int], list[float]]:
    lower: list[float] = [float(model.panel_size)]
    upper: list[float] = [float(model.panel_size)]
    starts: list[int] = [0]
    index: list[int] = list(range(model.num_types))
    for (_f, _v, lo, hi), idx in zip(model.quota_rows, model.quota_types, strict=True):
        starts.append(len(index))
        lower.append(float(lo))
        upper.append(float(hi))
        index.extend(int(t) for t in idx)
    for group in model.households:
        starts.append(len(index))
        lower.append(-INF)
        upper.append(1.0)
        index.extend(group)
    return lower, upper, starts, index, [1.0] * len(index)


class PanelOracle:
    """The panel MIP, built once; each call only changes the objective.

    ``best(weights)`` returns the feasible type-count vector maximising ``sum(weights * x)``.
    """

    def __init__(self, model: TypeModel) -> None:
        self.model = model
        n = model.num_types
        h = new_highs()
        h.setOptionValue("mip_rel_gap", 1e-9)  # leximin.MIP_GAP
        h.setOptionValue("mip_abs_gap", 1e-12)
        counts = model.counts.astype(float)
        h.addVars(n, np.zeros(n), counts)
        h.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger, dtype=np.uint8)
        )
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
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h
        self.calls = 0

    def best(self, weights: np.ndarray) -> np.ndarray | None:
        n = self.model.num_types
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), np.asarray(weights, dtype=float))
        self.h.run()
        self.calls += 1
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.rint(np.asarray(self.h.getSolution().col_value)).astype(np.int64)


# ---------------------------------------------------------------------------------------- feasibility


@dataclass(frozen=True)
class Relaxation:
    """One bound that must move: `bound` is "min", "max" or "panel_size"."""

    feature: str
    value: str
    bound: str
    old: int
    new: int

    def __str__(self) -> str:
        if self.bound == "panel_size":
            return _("panel size: {old} -> {new} (the pool cannot fill more seats)").format(
                old=self.old, new=self.new
            )
        if self.bound == "min":
            return _("{feature} = {value}: minimum {old} -> {new} (-{delta})").format(
                feature=self.feature, value=self.value, old=self.old, new=self.new, delta=self.old - self.new
            )
        return _("{feature} = {value}: maximum {old} -> {new} (+{delta})").format(
            feature=self.feature, value=self.value, old=self.old, new=self.new, delta=self.new - self.old
        )


@dataclass(frozen=True)
class Infeasibility:
    """Why no panel satisfies the quotas: plain conflicts, and the smallest total relaxation."""

    conflicts: list[str]
    relaxations: list[Relaxation]

    @property
    def total_relaxation(self) -> int:
        return sum(abs(r.new - r.old) for r in self.relaxations)

    def __str__(self) -> str:
        lines = [_("The quotas cannot all be met.")]
        if self.conflicts:
            lines.append(_("Conflicts:"))
            lines += [f"  - {c}" for c in self.conflicts]
        if self.relaxations:
            lines.append(
                _("Smallest relaxation that makes them feasible ({total} seat(s) in total):").format(
                    total=self.total_relaxation
                )
            )
            lines += [f"  - {r}" for r in self.relaxations]
        return "\n".join(lines)


class InfeasibleQuotas(Exception):  # noqa: N818 - reads as a statement of fact
    def __init__(self, infeasibility: Infeasibility) -> None:
        self.infeasibility = infeasibility
        super().__init__(str(infeasibility))


def _simple_conflicts(model: TypeModel) -> list[str]:
    out: list[str] = []
    k = model.panel_size
    counts = model.counts
    pool_size = int(counts.sum())
    if pool_size < k:
        out.append(_("the pool has {n} people for {k} seats").format(n=pool_size, k=k))
    by_feature: dict[str, list[tuple[str, int, int, int]]] = {}
    for (f, v, lo, hi), idx in zip(model.quota_rows, model.quota_types, strict=True):
        available = int(counts[idx].sum())
        by_feature.setdefault(f, []).append((v, lo, hi, available))
        if available < lo:
            out.append(
                _("{feature} = {value}: minimum {min} but only {n} people in the pool").format(
                    feature=f, value=v, min=lo, n=available
                )
            )
    for f, rows in by_feature.items():
        total_min = sum(r[1] for r in rows)
        total_max = sum(min(r[2], r[3]) for r in rows)
        if total_min > k:
            out.append(
                _("{feature}: the minimums add up to {total}, more than the {k} seats").format(
                    feature=f, total=total_min, k=k
                )
            )
        if total_max < k:
            out.append(
                _(
                    "{feature}: the maximums (capped by the pool) add up to {total}, fewer than the {k} seats"
                ).format(feature=f, total=total_max, k=k)
            )
    return out


def explain_infeasibility(model: TypeModel) -> Infeasibility | None:
    """None if some panel satisfies every rule; otherwise the conflicts and the smallest relaxation.

    The relaxation is a MIP: the panel's type counts plus, per quota, integer slacks that lower its
    minimum or raise its maximum (and a slack that lowers the panel size, weighted 1000 so it is
    used only if the pool is too small), minimising the total slack.
    """
    oracle = PanelOracle(model)
    if oracle.best(np.zeros(model.num_types)) is not None:
        return None
    n = model.num_types
    q = len(model.quota_rows)
    h = new_highs()
    counts = model.counts.astype(float)
    # columns: x (n), slack_min (q), slack_max (q), slack_size (1)
    lb = np.zeros(n + 2 * q + 1)
    ub = np.concatenate(
        [counts, [float(r[2]) for r in model.quota_rows], np.full(q, INF), [float(model.panel_size)]]
    )
    cost = np.concatenate([np.zeros(n), np.ones(2 * q), [1000.0]])
    h.addVars(len(lb), lb, ub)
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    h.changeColsIntegrality(len(lb), np.arange(len(lb), dtype=np.int32), np.full(len(lb), 1, dtype=np.uint8))
    size_idx = [*range(n), n + 2 * q]
    h.addRow(
        float(model.panel_size),
        float(model.panel_size),
        len(size_idx),
        np.array(size_idx, dtype=np.int32),
        np.ones(len(size_idx)),
    )
    for r, ((_f, _v, lo, hi), idx) in enumerate(zip(model.quota_rows, model.quota_types, strict=True)):
        cols = np.concatenate([idx, [n + r]]).astype(np.int32)
        h.addRow(float(lo), INF, len(cols), cols, np.ones(len(cols)))  # sum x + slack_min >= min
        cols = np.concatenate([idx, [n + q + r]]).astype(np.int32)
        vals = np.concatenate([np.ones(len(idx)), [-1.0]])
        h.addRow(-INF, float(hi), len(cols), cols, vals)  # sum x - slack_max <= max
    for group in model.households:
        h.addRow(-INF, 1.0, len(group), np.array(group, dtype=np.int32), np.ones(len(group)))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover - always feasible
        return Infeasibility(_simple_conflicts(model), [])
    sol = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    relaxations: list[Relaxation] = []
    for r, (f, v, lo, hi) in enumerate(model.quota_rows):
        if sol[n + r] > 0:
            relaxations.append(Relaxation(f, v, "min", lo, lo - int(sol[n + r])))
        if sol[n + q + r] > 0:
            relaxations.append(Relaxation(f, v, "max", hi, hi + int(sol[n + q + r])))
    if sol[n + 2 * q] > 0:
        relaxations.append(
            Relaxation("", "", "panel_size", model.panel_size, model.panel_size - int(sol[n + 2 * q]))
        )
    return Infeasibility(_simple_conflicts(model), relaxations)
