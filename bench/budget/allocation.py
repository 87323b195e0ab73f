"""Benchmark: Parvis's allocation rules against pabutools 1.2 on one seeded approval instance.

Usage (from the repository root, with the `bench` extra installed):

    python bench/budget/allocation.py                      # 100,000 voters x 100 projects
    python bench/budget/allocation.py --voters 20000       # smaller instance
    python bench/budget/allocation.py --pabutools-add1     # also time pabutools' add1 (very slow)
    python bench/budget/allocation.py --pb                 # also round-trip the instance as .pb

The instance (fictitious) has realistic costs (log-normal around 300,000 EUR, rounded to 1,000 EUR,
held in cents), an envelope of a quarter of the total cost, and skewed popularity: a few projects
are approved by about half the voters, most by a few percent, and voters differ in how many
projects they approve (10 on average).

Rules compared on the same instance, winners checked identical (as sets):
* greedy: most approvals first, skip what no longer fits (pabutools `greedy_utilitarian_welfare`
  with `Cost_Sat`);
* MES: Method of Equal Shares with cost utilities, no completion (`method_of_equal_shares`);
* MES + add1 + greedy: per-voter budget raised one euro at a time, then greedy completion
  (`completion_by_rule_combination`); pabutools only with `--pabutools-add1`, since it reruns its
  MES once per euro.

Timings cover the rule call only (pabutools' profile and our matrix are built beforehand); ours
is the best of `--repeat` runs, pabutools' a single run.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from parvis.plugins.budget import pabulib
from parvis.plugins.budget.rules.allocation import Envelope, allocate
from parvis.plugins.budget.rules.approval import approval_counts, order_by_approvals
from parvis.plugins.budget.rules.equal_shares import method_of_equal_shares

EURO = 100  # cents


def make_instance(seed: int, n_voters: int, n_projects: int) -> tuple[list[int], int, np.ndarray]:
    """Costs (cents), envelope (cents) and the voters x projects approval matrix."""
    rng = np.random.default_rng(seed)
    euros = np.exp(rng.normal(np.log(300_000), 0.8, n_projects))
    euros = np.clip(np.round(euros, -3), 10_000, 4_000_000)
    costs = [int(e) * EURO for e in euros]
    budget = sum(costs) // 4 // 100_000 * 100_000
    popularity = rng.beta(0.6, 6.0, n_projects)
    activity = rng.gamma(2.0, 0.5, n_voters)
    chance = np.clip(activity[:, None] * popularity[None, :], 0, 1)
    approvals = rng.random((n_voters, n_projects), dtype=np.float32) < chance
    return costs, budget, approvals


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def once(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def parvis_rules(
    costs: list[int], budget: int, approvals: np.ndarray, repeat: int
) -> dict[str, tuple[float, Any]]:
    def greedy() -> list[int]:
        order = order_by_approvals(approval_counts(approvals))
        return list(allocate(costs, order, Envelope(budget)).selected)

    def mes() -> list[int]:
        return list(method_of_equal_shares(costs, approvals, budget, completion=None).selected)

    def mes_add1() -> list[int]:
        return list(method_of_equal_shares(costs, approvals, budget, increment=EURO).selected)

    return {
        "greedy": best_of(repeat, greedy),
        "MES": best_of(repeat, mes),
        "MES + add1 + greedy": best_of(max(1, repeat // 2), mes_add1),
    }


def pabutools_rules(
    costs: list[int], budget: int, approvals: np.ndarray, with_add1: bool
) -> tuple[dict[str, tuple[float, Any]], str]:
    from importlib.metadata import version

    import pabutools  # noqa: F401 - fail early with a clear message if missing
    from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    projects = [Project(f"p{j:03d}", c) for j, c in enumerate(costs)]  # names sort as indices
    instance = Instance(projects, budget_limit=budget)
    profile = ApprovalProfile(
        [ApprovalBallot([projects[j] for j in np.flatnonzero(row)]) for row in approvals]
    )

    def names(outcome: Any) -> list[int]:
        return [int(p.name[1:]) for p in outcome]

    results = {
        "greedy": once(lambda: names(greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat))),
        "MES": once(lambda: names(method_of_equal_shares(instance, profile, sat_class=Cost_Sat))),
    }
    if with_add1:
        rules = [method_of_equal_shares, greedy_utilitarian_welfare]
        params = [{"sat_class": Cost_Sat, "voter_budget_increment": EURO}, {"sat_class": Cost_Sat}]
        results["MES + add1 + greedy"] = once(
            lambda: names(completion_by_rule_combination(instance, profile, rules, params))
        )
    return results, version("pabutools")


def pb_round_trip(costs: list[int], budget: int, approvals: np.ndarray) -> None:
    ids = [f"p{j:03d}" for j in range(len(costs))]
    pb = pabulib.approval_file(
        {"description": "Parvis bench (fictitious)"},
        project_ids=ids,
        costs=costs,
        approvals=approvals,
        budget=budget,
    )
    seconds, text = once(lambda: pabulib.dumps(pb))
    print(f"  .pb write (Parvis): {seconds:7.2f} s, {len(text) / 1e6:.1f} MB")
    seconds, back = once(lambda: pabulib.loads(text))
    same = (back.approvals() == approvals).all() and [p.cost for p in back.projects] == costs
    print(f"  .pb read  (Parvis): {seconds:7.2f} s, identical: {same}")
    try:
        from pabutools.election.pabulib import parse_pabulib_from_string
    except ImportError:
        return
    seconds, (instance, profile) = once(lambda: parse_pabulib_from_string(text))
    ok = len(profile) == len(approvals) and instance.budget_limit * EURO == budget
    print(f"  .pb read  (pabutools): {seconds:4.2f} s, {len(profile)} ballots, budget ok: {ok}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each Parvis rule (best is kept)")
    parser.add_argument("--skip-pabutools", action="store_true")
    parser.add_argument(
        "--pabutools-add1", action="store_true", help="also time pabutools' MES + add1 (slow)"
    )
    parser.add_argument("--pb", action="store_true", help="also time a .pb export/import round trip")
    args = parser.parse_args(argv)

    costs, budget, approvals = make_instance(args.seed, args.voters, args.projects)
    print(
        f"Instance: {args.voters:,} voters x {args.projects} projects (seed {args.seed}), "
        f"{int(approvals.sum()):,} approvals, envelope {budget // EURO:,} EUR "
        f"of {sum(costs) // EURO:,} EUR; Python {platform.python_version()}, numpy {np.__version__}"
    )

    ours = parvis_rules(costs, budget, approvals, args.repeat)
    theirs: dict[str, tuple[float, Any]] = {}
    label = "pabutools"
    if not args.skip_pabutools:
        try:
            theirs, pabutools_version = pabutools_rules(costs, budget, approvals, args.pabutools_add1)
            label = f"pabutools {pabutools_version}"
        except ImportError:
            print("pabutools is not installed (pip install -e '.[bench]'): Parvis timings only.")

    print(f"\n{'rule':<22}{'Parvis':>10}{label:>18}{'ratio':>10}  winners")
    failed = False
    for rule, (seconds, winners) in ours.items():
        line = f"{rule:<22}{seconds:>9.3f}s"
        if rule in theirs:
            their_seconds, their_winners = theirs[rule]
            same = sorted(winners) == sorted(their_winners)
            failed |= not same
            line += f"{their_seconds:>17.2f}s{their_seconds / seconds:>9.0f}x  "
            line += f"{'identical' if same else 'DIFFERENT'} ({len(winners)} projects)"
        else:
            line += f"{'-':>18}{'-':>10}  {len(winners)} projects"
        print(line)
    if args.pb:
        print()
        pb_round_trip(costs, budget, approvals)
    if failed:
        print("\nWinners differ from pabutools.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
