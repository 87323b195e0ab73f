"""The Method of Equal Shares (MES) for approval ballots, exact and fast, with completion.

The rule (Peters, Pierczyński, Skowron; see equalshares.net), as pabutools 1.2 computes it with
`method_of_equal_shares(instance, profile, sat_class=Cost_Sat)`:

1. Each of the n voters gets an equal part of the envelope, B/n.
2. A project j of cost c_j is *affordable* when its supporters still hold at least c_j together.
   Its price is shared so that no supporter pays more than a cap t_j: supporters holding less than
   t_j pay all they have, the others pay exactly t_j, and the payments add up to c_j. Its
   *affordability* is rho_j = t_j / u_j, where u_j is what a supporter gains from the project:
   u_j = c_j with cost utilities (the default: a euro of project is worth a euro to its
   supporters), u_j = 1 with cardinality utilities (every project counts the same).
3. Select the affordable project with the smallest rho_j, charge its supporters, and repeat until
   no project is affordable. Exact ties in rho go to the project earliest in `tie_order` (default:
   input order; pabutools' default breaks them by project name, so list projects by name to match).

Free projects: a supported project that costs nothing is selected at once, under both utilities.
(pabutools with `Cost_Sat` gives a free project zero utility, so MES skips it and only the greedy
completion adds it: the winners are the same once completed.)

Completion, because MES usually leaves money unspent:

* `increment` (equalshares.net's "add1"): rerun MES with the per-voter budget raised by
  `increment` (same unit as costs) each time, until the outcome fills the envelope so that no
  further supported project would fit (return it), or would overspend the real envelope (return
  the previous outcome). Same as pabutools' `voter_budget_increment`.
* `completion="greedy"`: then add the remaining projects, by utilitarian greedy order (most
  approvals first with cost utilities; most approvals per euro with cardinality utilities), each
  one that still fits. Same as pabutools' `completion_by_rule_combination` with
  `greedy_utilitarian_welfare`.

Exactness. All money is integer; budgets are exact rationals held as integer numerators over one
common denominator, so every comparison is exact and the result never depends on float rounding.

Speed. Voters with the same remaining budget are one *class*; a voter's class is an int32 in a
numpy array, the exact budget of a class is a Python integer. A voter's budget is B/n minus the
caps of the projects they paid in full, or zero once they paid all they had, so classes stay far
fewer than voters. Computing a project's cap needs the histogram of its supporters over classes
(one `numpy.bincount`) and a walk over the poorest classes only; as in pabutools, a project's
last rho is a lower bound of its current one (budgets only shrink), so each round re-evaluates
only the few projects that could still win.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

from parvis.api import _
from parvis.plugins.budget.rules.approval import ApprovalMatrix, approval_counts

Utility = Literal["cost", "cardinality"]

__all__ = ["EqualSharesResult", "Utility", "method_of_equal_shares"]


@dataclass(frozen=True, slots=True)
class EqualSharesResult:
    """Winners of an Equal Shares run.

    `selected` lists project indices in selection order: projects chosen by MES itself
    (`by_mes`, zero-cost supported projects first), then those added by greedy completion.
    `budget_per_voter` is the virtual per-voter budget of the returned MES outcome (B/n plus the
    increments), `increments` how many increments it took.
    """

    selected: tuple[int, ...]
    by_mes: tuple[int, ...]
    budget_per_voter: Fraction
    increments: int


def method_of_equal_shares(
    costs: Sequence[int],
    approvals: ApprovalMatrix,
    budget: int,
    *,
    utility: Utility = "cost",
    increment: int | None = None,
    completion: Literal["greedy"] | None = "greedy",
    tie_order: Sequence[int] | None = None,
) -> EqualSharesResult:
    """Run MES on approval ballots (`approvals[voter, project]`), costs and envelope in cents.

    See the module docstring for the exact rule, completion and tie-breaking.
    """
    m = len(costs)
    approvals = np.asarray(approvals, dtype=np.bool_)
    if approvals.ndim != 2 or approvals.shape[1] != m:
        raise ValueError(_("Approval ballots must be a voters x {n} matrix.").format(n=m))
    if any(int(c) < 0 for c in costs) or budget < 0:
        raise ValueError(_("Costs and the envelope must not be negative."))
    if increment is not None and increment <= 0:
        raise ValueError(_("The per-voter budget increment must be positive."))
    if utility not in ("cost", "cardinality"):
        raise ValueError(_("Unknown utility {name!r}.").format(name=utility))
    cost = [int(c) for c in costs]
    position = list(range(m)) if tie_order is None else [int(p) for p in tie_order]
    n = approvals.shape[0]
    counts = approval_counts(approvals)

    if n == 0:
        by_mes: list[int] = []
        per_voter = Fraction(0)
        steps = 0
    else:
        engine = _Engine(cost, approvals, counts, utility, position)
        by_mes, steps = engine.run_with_increments(budget, increment)
        per_voter = Fraction(budget, n) + steps * (increment or 0)

    selected = list(by_mes)
    if completion == "greedy":
        selected += _greedy_completion(cost, counts, budget, selected, utility=utility, position=position)
    return EqualSharesResult(tuple(selected), tuple(by_mes), per_voter, steps)


def _greedy_completion(
    cost: list[int],
    counts: list[int],
    budget: int,
    chosen: list[int],
    *,
    utility: Utility,
    position: list[int],
) -> list[int]:
    """Utilitarian greedy over the projects not yet chosen, skipping those that do not fit.

    Order: total utility per cent, highest first, i.e. approvals (cost utilities) or approvals per
    cent (cardinality utilities), compared exactly; free projects first; ties by `position`.
    """
    taken = set(chosen)
    left = budget - sum(cost[j] for j in chosen)

    def order(j: int) -> tuple[int, Fraction, int]:
        if cost[j] == 0:  # free: always fits, goes first if anyone wants it
            return (0 if counts[j] else 2, Fraction(0), position[j])
        score = Fraction(counts[j]) if utility == "cost" else Fraction(counts[j], cost[j])
        return (1, -score, position[j])

    added: list[int] = []
    for j in sorted((j for j in range(len(cost)) if j not in taken), key=order):
        if cost[j] <= left:
            added.append(j)
            left -= cost[j]
    return added


class _Engine:
    """One instance (costs, ballots) on which MES runs for several per-voter budgets."""

    def __init__(
        self,
        cost: list[int],
        approvals: ApprovalMatrix,
        counts: list[int],
        utility: Utility,
        position: list[int],
    ) -> None:
        self.cost = cost
        self.n = approvals.shape[0]
        self.counts = counts
        self.position = position
        self.utility = utility
        by_project = np.ascontiguousarray(approvals.T)
        self.supporters: list[npt.NDArray[np.intp]] = [np.flatnonzero(row) for row in by_project]
        m = len(cost)
        # Supported zero-cost projects are free for everyone: MES takes them at once.
        self.free = sorted((j for j in range(m) if counts[j] > 0 and cost[j] == 0), key=position.__getitem__)
        self.eligible = [j for j in range(m) if counts[j] > 0 and cost[j] > 0]
        # Money is scaled by n so that the initial per-voter budget B/n is an integer.
        self.scaled_cost = [c * self.n for c in cost]

    def run_with_increments(self, budget: int, increment: int | None) -> tuple[list[int], int]:
        """MES at B/n, then (with `increment`) at B/n + k*increment until exhaustive or overspent."""
        previous = list(self.free)
        steps = 0
        while True:
            outcome = self.free + self.run(budget + steps * (increment or 0) * self.n)
            if increment is None:
                return outcome, 0
            spent = sum(self.cost[j] for j in outcome)
            if spent > budget:
                return previous, max(steps - 1, 0)
            chosen = set(outcome)
            if all(self.cost[j] + spent > budget for j in self.eligible if j not in chosen):
                return outcome, steps
            previous = outcome
            steps += 1

    def run(self, per_voter: int) -> list[int]:
        """One MES run with `per_voter` (scaled by n) as every voter's initial budget."""
        return _Run(self, per_voter).select()


# Float values are trusted only farther than this (relative to the per-voter budget) from the
# value they are compared with; closer calls are decided on exact integers. Float error on a
# budget is about rounds x 1e-16, so this leaves seven orders of magnitude of margin.
_REL_TOL = 1e-9


class _Run:
    """State of one MES run: voter classes, their approximate and exact budgets, the caps paid.

    A class is a set of voters with the same remaining budget; class ids follow budgets in
    increasing order, so a histogram over class ids is already sorted by budget. Class 0 holds
    the voters with no money left; any other class is *alive* and its budget is exactly
    b0 - (sum of the caps of the rounds in its `member` row). Caps are exact: integer numerators
    `tnum` over the common denominator `tden`. `vf` holds float budgets for fast vectorised
    decisions; every decision that floats cannot settle with margin `_REL_TOL` is taken on the
    exact values instead.
    """

    def __init__(self, engine: _Engine, per_voter: int) -> None:
        self.e = engine
        self.b0 = per_voter
        self.tol = _REL_TOL * float(per_voter)
        self.cls = np.ones(engine.n, dtype=np.int32)
        self.size = np.array([0, engine.n], dtype=np.int64)
        self.vf = np.array([0.0, float(per_voter)])
        # Bit r of a class's row is set when its voters paid the cap of round r in full.
        self.member = np.zeros((2, (len(engine.cost) + 63) // 64), dtype=np.uint64)
        self.tnum: list[int] = []
        self.tden = 1

    # --- exact values -------------------------------------------------------------------------

    def exact(self, c: int) -> int:
        """Exact budget of class c, as a numerator over `tden`."""
        if c == 0:
            return 0
        rounds = self.rounds(self.member[c : c + 1])[0]
        paid = sum(self.tnum[r] for r in np.flatnonzero(rounds).tolist())
        return self.b0 * self.tden - paid

    def rounds(self, rows: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint8]:
        """Unpacked membership bits (one 0/1 column per round so far) of some class rows."""
        bits = np.unpackbits(np.ascontiguousarray(rows).view(np.uint8), axis=1, bitorder="little")
        return bits[:, : len(self.tnum)]

    def exact_sum(self, classes: npt.NDArray[np.intp], weights: npt.NDArray[np.int64]) -> int:
        """Exact sum of weights[i] x budget(classes[i]), as a numerator over `tden`."""
        live = classes > 0
        classes, weights = classes[live], weights[live]
        rounds = len(self.tnum)
        paid = (weights @ self.rounds(self.member[classes])).tolist() if rounds else []
        total = int(weights.sum()) * self.b0 * self.tden
        return total - sum(int(k) * t for k, t in zip(paid, self.tnum, strict=True))

    def compare(self, c: int, cap: Fraction) -> int:
        """Exactly: sign of budget(c) - cap."""
        left = self.exact(c) * cap.denominator
        right = cap.numerator * self.tden
        return (left > right) - (left < right)

    # --- rounds -------------------------------------------------------------------------------

    def select(self) -> list[int]:
        e = self.e
        unit = e.cost if e.utility == "cost" else [1] * len(e.cost)
        # Lower bounds of each project's affordability; exact at the start (equal budgets).
        bound = {j: Fraction(e.scaled_cost[j], e.counts[j] * unit[j]) for j in e.eligible}
        approx = {j: float(b) for j, b in bound.items()}
        active = set(e.eligible)
        chosen: list[int] = []
        while active:
            best: Fraction | None = None
            best_cap = Fraction(0)
            winner = -1
            for j in sorted(active, key=lambda p: (approx[p], e.position[p])):
                # Floats only order the work; stop when j surely cannot beat the best.
                if best is not None and approx[j] > float(best) * (1 + 1e-9) and bound[j] > best:
                    break
                cap = self.cap(j)
                if cap is None:  # its supporters can no longer pay for it
                    active.discard(j)
                    continue
                rho = cap / unit[j]
                bound[j], approx[j] = rho, float(rho)
                if best is None or rho < best or (rho == best and e.position[j] < e.position[winner]):
                    best, best_cap, winner = rho, cap, j
            if winner < 0:
                break
            chosen.append(winner)
            active.discard(winner)
            self.charge(winner, best_cap)
        return chosen

    def cap(self, j: int) -> Fraction | None:
        """The payment cap t_j, or None when the supporters of j cannot afford it."""
        e = self.e
        support = e.supporters[j]
        size = len(support)
        hist = np.bincount(self.cls[support], minlength=len(self.vf))
        heads = np.cumsum(hist)
        money = np.cumsum(hist * self.vf)
        # F(x) = sum over supporters of min(budget, x) is what j can raise with cap x. At x = the
        # budget of class i it is money[i] + x * (supporters richer than i); F is increasing, and
        # the cap is the x where F(x) = cost, found between the classes around `i`.
        raised = money + self.vf * (size - heads)
        cost = e.scaled_cost[j]
        i = int(np.searchsorted(raised, float(cost), side="left"))
        if i == len(raised):
            if money[-1] < cost * (1 - 1e-6):
                return None
            return self.cap_exact(j, hist)
        capped = np.flatnonzero(hist[:i])
        paid_in_full = self.exact_sum(capped, hist[capped])
        k = size - (int(heads[i - 1]) if i else 0)
        cap = Fraction(cost * self.tden - paid_in_full, k * self.tden)
        if self.verify(cap, hist, i):
            return cap
        return self.cap_exact(j, hist)

    def verify(self, cap: Fraction, hist: npt.NDArray[np.int64], i: int) -> bool:
        """Exactly: every class before i holds <= cap, every class from i on holds >= cap."""
        tf = float(cap)
        low = int(np.searchsorted(self.vf, tf - self.tol, side="left"))
        high = int(np.searchsorted(self.vf, tf + self.tol, side="right"))
        # Below `low` budgets are surely < cap, from `high` on surely > cap; check the band exactly.
        if hist[i:low].any() or hist[high:i].any():
            return False
        for c in (low + np.flatnonzero(hist[low:high])).tolist():
            sign = self.compare(c, cap)
            if (c < i and sign > 0) or (c >= i and sign < 0):
                return False
        return True

    def cap_exact(self, j: int, hist: npt.NDArray[np.int64]) -> Fraction | None:
        """Slow path: the cap from the exact budgets of every class among j's supporters."""
        values = sorted((self.exact(c), int(hist[c])) for c in np.flatnonzero(hist).tolist())
        need = self.e.scaled_cost[j] * self.tden
        left = len(self.e.supporters[j])
        for v, h in values:
            if need <= v * left:
                return Fraction(need, left * self.tden)
            need -= h * v
            left -= h
        return None

    def charge(self, j: int, cap: Fraction) -> None:
        """Charge j's supporters min(budget, cap) and renumber the classes by budget."""
        support = self.e.supporters[j]
        k = len(self.vf)
        hist = np.bincount(self.cls[support], minlength=k)
        tf = float(cap)
        # Payers keep budget - cap; capped supporters (budget <= cap) are left with nothing.
        pays = (hist > 0) & (self.vf > tf + self.tol)
        for c in np.flatnonzero((hist > 0) & (np.abs(self.vf - tf) <= self.tol)).tolist():
            pays[c] = c > 0 and self.compare(c, cap) > 0
        pays[0] = False
        stay = self.size - hist > 0
        stay[0] = False
        old = np.flatnonzero(stay)
        new = np.flatnonzero(pays)
        r = len(self.tnum)
        # (clamped: a tiny exact remainder must not become a negative float and break the order)
        vf = np.concatenate((self.vf[old], np.maximum(self.vf[new] - tf, 0.0)))
        member = np.concatenate((self.member[old], self.member[new]))
        member[len(old) :, r >> 6] |= np.uint64(1 << (r & 63))
        size = np.concatenate((self.size[old] - hist[old], hist[new]))
        perm = np.argsort(vf, kind="stable")
        ids = np.empty(len(perm), dtype=np.int32)
        ids[perm] = np.arange(1, len(perm) + 1, dtype=np.int32)
        keep_map = np.zeros(k, dtype=np.int32)
        keep_map[old] = ids[: len(old)]
        pay_map = np.zeros(k, dtype=np.int32)
        pay_map[new] = ids[len(old) :]
        moved = pay_map[self.cls[support]]
        self.cls = keep_map[self.cls]
        self.cls[support] = moved
        self.vf = np.concatenate(([0.0], vf[perm]))
        self.member = np.concatenate((np.zeros((1, member.shape[1]), dtype=np.uint64), member[perm]))
        dead = int(self.size[0]) + int(hist[~pays].sum()) - int(hist[0])
        self.size = np.concatenate(([dead], size[perm]))
        # The exact cap, on the common denominator.
        den = self.tden * cap.denominator // math.gcd(self.tden, cap.denominator)
        scale = den // self.tden
        self.tnum = [t * scale for t in self.tnum]
        self.tnum.append(cap.numerator * (den // cap.denominator))
        self.tden = den
