"""Method of Equal Shares: hand examples, a per-voter exact reference, the exact slow path, and
(when installed) pabutools 1.2 on random instances."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parvis.plugins.budget.rules import equal_shares as es
from parvis.plugins.budget.rules.approval import approval_matrix
from parvis.plugins.budget.rules.equal_shares import method_of_equal_shares

# Voters 1-3 approve A (60) and C (30); voter 4 approves B (40). Envelope 100, 25 per voter.
COSTS = [60, 40, 30]
BALLOTS = approval_matrix([[0, 2], [0, 2], [0, 2], [1]], 3)


def test_cost_utilities_tie_goes_to_the_first_project():
    # A: cap 20, rho 20/60; C: cap 10, rho 10/30: a tie, A is listed first. Then C is
    # unaffordable (3 x 5 left) and B always was (25 < 40).
    result = method_of_equal_shares(COSTS, BALLOTS, 100, completion=None)
    assert result.selected == (0,)
    assert result.budget_per_voter == 25
    # The tie order decides: list C first and C wins the tie.
    assert method_of_equal_shares(COSTS, BALLOTS, 100, completion=None, tie_order=[1, 2, 0]).selected == (2,)


def test_greedy_completion_by_approvals():
    assert method_of_equal_shares(COSTS, BALLOTS, 100).selected == (0, 2)


def test_cardinality_utilities():
    result = method_of_equal_shares(COSTS, BALLOTS, 100, utility="cardinality")
    # C is cheaper for its supporters (10 each), then A is unaffordable (3 x 15 < 60);
    # completion by approvals per cent: A (3/60) before B (1/40); A fits in 70.
    assert result.by_mes == (2,)
    assert result.selected == (2, 0)


def test_add1_raises_the_per_voter_budget_until_exhaustive():
    result = method_of_equal_shares(COSTS, BALLOTS, 100, increment=5, completion=None)
    # At 30 per voter: A (cap 20) then C (3 x 10 = 30 = cost): 90 spent; B (40) cannot fit in
    # the 10 left, so the outcome is exhaustive and kept.
    assert result.selected == (0, 2)
    assert result.increments == 1
    assert result.budget_per_voter == 30


def test_free_and_unsupported_projects():
    ballots = approval_matrix([[0], [0, 1]], 3)
    # Project 0 is free and wanted: taken at once. 10 per voter: voter 2 alone pays project 1.
    assert method_of_equal_shares([0, 10, 5], ballots, 20, completion=None).by_mes == (0, 1)
    # The unsupported project 2 only comes through completion, when it fits.
    assert method_of_equal_shares([0, 10, 5], ballots, 20).selected == (0, 1, 2)
    # 7 per voter: project 1 is out of reach for MES; completion takes it, then 2 no longer fits.
    result = method_of_equal_shares([0, 10, 5], ballots, 14)
    assert result.by_mes == (0,)
    assert result.selected == (0, 1)


def test_no_voters():
    result = method_of_equal_shares([5, 5], np.zeros((0, 2), dtype=bool), 7)
    assert result.by_mes == ()
    assert result.selected == (0,)


def test_bad_inputs():
    with pytest.raises(ValueError, match="matrix"):
        method_of_equal_shares([1, 2], np.zeros((3, 3), dtype=bool), 5)
    with pytest.raises(ValueError, match="negative"):
        method_of_equal_shares([-1], np.zeros((3, 1), dtype=bool), 5)
    with pytest.raises(ValueError, match="increment"):
        method_of_equal_shares([1], np.zeros((3, 1), dtype=bool), 5, increment=0)


# --- a plain per-voter reference implementation with Fractions ----------------------------------


def reference_mes(costs, ballots, budget, utility="cost", increment=None, completion=None):
    n, m = ballots.shape
    counts = ballots.sum(axis=0)
    support = [[i for i in range(n) if ballots[i, j]] for j in range(m)]
    free = [j for j in range(m) if costs[j] == 0 and counts[j] > 0]
    eligible = [j for j in range(m) if costs[j] > 0 and counts[j] > 0]

    def run(per_voter):
        money = [Fraction(per_voter)] * n
        chosen = list(free)
        while True:
            best = None
            for j in eligible:
                if j in chosen or sum(money[i] for i in support[j]) < costs[j]:
                    continue
                paid, left = Fraction(0), len(support[j])
                for v in sorted(money[i] for i in support[j]):
                    cap = (costs[j] - paid) / left
                    if cap <= v:
                        break
                    paid, left = paid + v, left - 1
                rho = cap / (costs[j] if utility == "cost" else 1)
                if best is None or rho < best[0]:
                    best = (rho, j, cap)
            if best is None:
                return chosen
            _rho, j, cap = best
            chosen.append(j)
            for i in support[j]:
                money[i] -= min(money[i], cap)

    if n == 0:
        outcome = []
    else:
        per_voter = Fraction(budget, n)
        outcome = previous = run(per_voter)
        while increment is not None:
            spent = sum(costs[j] for j in outcome)
            if spent > budget:
                outcome = previous
                break
            if all(costs[j] + spent > budget for j in eligible if j not in outcome):
                break
            previous = outcome
            per_voter += increment
            outcome = run(per_voter)
    if completion == "greedy":
        left = budget - sum(costs[j] for j in outcome)

        def key(j):
            if costs[j] == 0:
                return (0 if counts[j] else 2, 0, j)
            score = Fraction(int(counts[j])) if utility == "cost" else Fraction(int(counts[j]), costs[j])
            return (1, -score, j)

        for j in sorted((j for j in range(m) if j not in outcome), key=key):
            if costs[j] <= left:
                outcome = [*outcome, j]
                left -= costs[j]
    return outcome


@st.composite
def instances(draw, max_voters=14, max_projects=6):
    n = draw(st.integers(0, max_voters))
    m = draw(st.integers(1, max_projects))
    scale = draw(st.sampled_from([1, 7, 100]))
    costs = [scale * c for c in draw(st.lists(st.integers(0, 6), min_size=m, max_size=m))]
    rows = draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
    ballots = np.array(rows, dtype=bool).reshape(n, m)
    budget = draw(st.integers(0, max(sum(costs), 1)))
    utility = draw(st.sampled_from(["cost", "cardinality"]))
    increment = draw(st.sampled_from([None, 1, scale]))
    return costs, ballots, budget, utility, increment


@settings(max_examples=250, deadline=None)
@given(instances())
def test_matches_the_reference(case):
    costs, ballots, budget, utility, increment = case
    for completion in (None, "greedy"):
        ours = method_of_equal_shares(
            costs, ballots, budget, utility=utility, increment=increment, completion=completion
        )
        expected = reference_mes(costs, ballots, budget, utility, increment, completion)
        assert list(ours.selected) == expected


@settings(max_examples=60, deadline=None)
@given(instances(max_voters=40, max_projects=8))
def test_fast_path_equals_fully_exact_path(case):
    """With an infinite float margin every decision is taken on exact values."""
    costs, ballots, budget, utility, increment = case
    fast = method_of_equal_shares(costs, ballots, budget, utility=utility, increment=increment)
    saved = es._REL_TOL
    es._REL_TOL = float("inf")
    try:
        exact = method_of_equal_shares(costs, ballots, budget, utility=utility, increment=increment)
    finally:
        es._REL_TOL = saved
    assert fast == exact


def test_medium_instance_fast_equals_exact_and_reference():
    rng = np.random.default_rng(7)
    n, m = 300, 12
    costs = [int(c) * 1000 for c in rng.integers(1, 60, m)]
    ballots = rng.random((n, m)) < rng.beta(0.7, 3, m)
    budget = sum(costs) // 3
    fast = method_of_equal_shares(costs, ballots, budget, increment=1000)
    saved = es._REL_TOL
    es._REL_TOL = float("inf")
    try:
        exact = method_of_equal_shares(costs, ballots, budget, increment=1000)
    finally:
        es._REL_TOL = saved
    assert fast == exact
    assert list(fast.selected) == reference_mes(costs, ballots, budget, increment=1000, completion="greedy")


# --- pabutools 1.2, when installed (the `bench` extra) -------------------------------------------


def pabutools_winners(costs, ballots, budget, utility, increment, completion):
    election = pytest.importorskip("pabutools.election")
    rules = pytest.importorskip("pabutools.rules")
    projects = [election.Project(f"p{j:03d}", c) for j, c in enumerate(costs)]
    instance = election.Instance(projects, budget_limit=budget)
    profile = election.ApprovalProfile(
        [election.ApprovalBallot([projects[j] for j in np.flatnonzero(row)]) for row in ballots]
    )
    sat = election.Cost_Sat if utility == "cost" else election.Cardinality_Sat
    params = {"sat_class": sat, "voter_budget_increment": increment}
    if completion == "greedy":
        sequence = [rules.method_of_equal_shares, rules.greedy_utilitarian_welfare]
        steps = [params, {"sat_class": sat}]
        outcome = rules.completion_by_rule_combination(instance, profile, sequence, steps)
    else:
        outcome = rules.method_of_equal_shares(instance, profile, **params)
    return sorted(int(p.name[1:]) for p in outcome)


@settings(max_examples=80, deadline=None)
@given(instances(max_voters=10, max_projects=5))
def test_same_winners_as_pabutools(case):
    costs, ballots, budget, utility, increment = case
    for completion in (None, "greedy"):
        ours = method_of_equal_shares(
            costs, ballots, budget, utility=utility, increment=increment, completion=completion
        )
        theirs = pabutools_winners(costs, ballots, budget, utility, increment, completion)
        mine = sorted(ours.selected)
        if completion is None and utility == "cost":
            # pabutools' Cost_Sat gives free projects no utility: MES leaves them to completion.
            mine = [j for j in mine if costs[j] > 0]
        assert mine == theirs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_structured_instance_with_exact_ties(seed):
    """Blocks of identical voters and round costs: caps land exactly on budgets, rhos tie."""
    rng = np.random.default_rng(seed)
    blocks = [rng.random(8) < 0.4 for _ in range(6)]
    ballots = np.repeat(np.array(blocks), rng.integers(5, 40, len(blocks)), axis=0)
    n = len(ballots)
    costs = [int(c) * n for c in rng.choice([1, 2, 3, 4], 8)]
    budget = 6 * n * 2
    for utility in ("cost", "cardinality"):
        fast = method_of_equal_shares(costs, ballots, budget, utility=utility, increment=1)
        expected = reference_mes(costs, ballots, budget, utility, increment=1, completion="greedy")
        assert list(fast.selected) == expected
