"""Helpers for the sortition tests: tiny pools (drawn by Hypothesis too) with loose quotas, a
brute-force LEXIMIN, and the files the ``draw`` command reads."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import highspy
import numpy as np
from hypothesis import strategies as st

from parvis.sortition import Pool, Quotas, make_quotas, pool_from_records
from parvis.sortition.model import new_highs


def tiny_pool(rows: Sequence[tuple[str, ...]], columns: Sequence[str] = ("gender", "age")) -> Pool:
    return pool_from_records(
        [{"id": f"p{i:02d}", **dict(zip(columns, row, strict=True))} for i, row in enumerate(rows)]
    )


def drawn_rows(draw_, smallest: int, largest: int) -> list[tuple[str, str]]:
    """A pool's (gender, age) rows for a Hypothesis strategy: ``smallest`` to ``largest`` people."""
    return [
        (draw_(st.sampled_from(["f", "m"])), draw_(st.sampled_from(["young", "mid", "old"])))
        for _ in range(draw_(st.integers(smallest, largest)))
    ]


def loose_quotas(draw_, rows: Sequence[tuple[str, str]], k: int, highest_minimum: int = 1) -> Quotas:
    """Quotas on gender and age for a panel of ``k`` from ``rows``, loose enough to be usually
    feasible: each value's minimum at most ``highest_minimum`` and what the pool has."""
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for j, feature in enumerate(("gender", "age")):
        table[feature] = {}
        for value in sorted({r[j] for r in rows}):
            have = sum(r[j] == value for r in rows)
            lo = draw_(st.integers(0, min(highest_minimum, have)))
            table[feature][value] = (lo, min(k, have, draw_(st.integers(lo, k))))
    return make_quotas(k, table)


def meets_quotas(panel: Sequence[str], pool: Pool, quotas: Quotas) -> bool:
    """``panel`` has the quotas' size, nobody twice, and every quota's count within its bounds."""
    cols = {f: dict(zip(pool.ids, pool.column(f), strict=True)) for f in quotas.features}
    return len(set(panel)) == len(panel) == quotas.panel_size and all(
        q.min <= sum(cols[q.feature][pid] == q.value for pid in panel) <= q.max for q in quotas.quotas
    )


def pool_csv(email: bool = False) -> str:
    """A pool of 12 people for the ``draw`` command (with an e-mail column if ``email``)."""
    header = "id,gender,age,email\n" if email else "id,gender,age\n"
    return header + "".join(
        f"p{i},{'f' if i % 2 else 'm'},{'young' if i % 3 else 'old'}"
        + (f",p{i}@example.org" if email else "")
        + "\n"
        for i in range(12)
    )


# Quotas for a panel of 4 from ``pool_csv()``, as the ``draw`` command reads them.
QUOTAS_TOML = """panel_size = 4
[quotas.gender]
f = [2, 2]
m = [2, 2]
[quotas.age]
young = { min = 1, max = 3 }
old = { min = 1, max = 3 }
"""


def feasible_panels(pool: Pool, quotas: Quotas) -> list[frozenset[str]]:
    """Every feasible panel, by brute force over subsets of people."""
    panels = []
    cols = {f: pool.column(f) for f in quotas.features}
    household = pool.column(quotas.household_column) if quotas.household_column else None
    for combo in itertools.combinations(range(len(pool)), quotas.panel_size):
        ok = all(q.min <= sum(cols[q.feature][i] == q.value for i in combo) <= q.max for q in quotas.quotas)
        if ok and household is not None:
            ok = len({household[i].casefold() for i in combo}) == len(combo)
        if ok:
            panels.append(frozenset(pool.ids[i] for i in combo))
    return panels


def brute_force_leximin(pool: Pool, panels: list[frozenset[str]]) -> dict[str, float]:
    """Leximin over explicit panels, person by person: at each level maximise the minimum over the
    people not yet fixed, then fix exactly those who cannot get more (tested one at a time)."""
    ids = list(pool.ids)
    a = np.array([[1.0 if pid in p else 0.0 for p in panels] for pid in ids])  # people x panels
    fixed: dict[int, float] = {}

    def solve(objective_person: int | None, floor: float) -> float:
        h = new_highs()
        m = len(panels)
        h.addVars(m + 1, np.zeros(m + 1), np.ones(m + 1))  # lambdas, z
        h.addRow(1.0, 1.0, m, np.arange(m, dtype=np.int32), np.ones(m))
        for i in range(len(ids)):
            if i in fixed:
                h.addRow(fixed[i] - 1e-9, highspy.kHighsInf, m, np.arange(m, dtype=np.int32), a[i])
            elif objective_person is None:
                cols = np.arange(m + 1, dtype=np.int32)
                h.addRow(0.0, highspy.kHighsInf, m + 1, cols, np.concatenate([a[i], [-1.0]]))
            else:
                h.addRow(floor - 1e-9, highspy.kHighsInf, m, np.arange(m, dtype=np.int32), a[i])
        cost = np.zeros(m + 1)
        if objective_person is None:
            cost[m] = 1.0
        else:
            cost[:m] = a[objective_person]
        h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), cost)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.run()
        return float(h.getInfo().objective_function_value)

    while len(fixed) < len(ids):
        z = solve(None, 0.0)
        for i in range(len(ids)):
            if i not in fixed and solve(i, z) <= z + 1e-7:
                fixed[i] = z
    return {ids[i]: fixed[i] for i in range(len(ids))}
