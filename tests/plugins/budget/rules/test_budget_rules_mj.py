"""Majority judgment: the paris.md examples, a brute-force reference, and property tests."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parvis.plugins.budget.rules.majority_judgment import (
    UnequalTotalsError,
    compare,
    majority_gauge,
    majority_grade,
    majority_values,
    majority_values_of_tally,
    normalise_missing_as_worst,
    rank,
    tally_ballots,
)

# --- the examples of shared/paris.md, exactly ---------------------------------------------------


def test_paris_three_voters():
    assert rank([[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]]) == [3, 1, 5, 4, 2]


def test_paris_eighteen_voters():
    assert rank([[4, 5, 2, 1, 3, 1, 2], [3, 6, 2, 1, 3, 1, 2]]) == [2, 1]


def test_balinski_laraki_majority_values():
    assert majority_values([7, 11, 9, 9, 11]) == [9, 9, 11, 7, 11]


# --- definitions on small cases ----------------------------------------------------------------


def test_majority_grade_is_the_lower_median():
    assert majority_grade([1, 1, 0, 0]) == 0  # grades 0,1: lower median 0
    assert majority_grade([0, 1, 1]) == 1
    assert majority_grade([0, 0, 0]) is None


def test_gauge_signs():
    # alpha = 1; 2 above, 1 below -> +2
    assert majority_gauge([1, 2, 2]) == (1, 2)
    # alpha = 1; 1 above, 2 below -> -2
    assert majority_gauge([2, 2, 1]) == (1, -2)
    # p == q -> negative side
    assert majority_gauge([1, 1, 1]) == (1, -1)
    assert majority_gauge([0, 0]) is None


def test_equal_profiles_share_a_rank():
    assert rank([[1, 2], [2, 1], [2, 1], [3, 0]]) == [1, 2, 2, 4]


def test_all_empty_tallies_rank_first():
    assert rank([[0, 0, 0], [0, 0, 0]]) == [1, 1]
    assert rank([]) == []


def test_unequal_totals_are_refused_then_normalised():
    tallies = [[0, 0, 3], [0, 1, 0], [0, 0, 0]]
    with pytest.raises(UnequalTotalsError):
        rank(tallies)
    fixed = normalise_missing_as_worst(tallies)
    assert fixed == [[0, 0, 3], [2, 1, 0], [3, 0, 0]]
    assert rank(fixed) == [1, 2, 3]
    assert normalise_missing_as_worst(tallies, voters=5)[2] == [5, 0, 0]
    with pytest.raises(ValueError, match="more than"):
        normalise_missing_as_worst(tallies, voters=2)


@pytest.mark.parametrize(
    ("tallies", "message"),
    [
        ([[1, 2], [1]], "grades"),
        ([[1, -2]], "negative"),
        ([[1, 2.5]], "whole number"),
        ([[]], "at least one grade"),
        (["ab"], "not a list"),
    ],
)
def test_bad_tallies(tallies, message):
    with pytest.raises(ValueError, match=message):
        rank(tallies)


@pytest.mark.parametrize("voters", [8, 100_000_000])
def test_hundred_million_voters_without_expansion(voters):
    """Three profiles one vote apart: c moves a vote from the worst grade up to the median
    (better than a); b moves one from just above the median down to it (worse than a). The same
    shape at 8 voters is checked against the brute-force reference."""
    q = voters // 4
    a = [q, q, q, q]
    b = [q, q + 1, q - 1, q]
    c = [q - 1, q + 1, q, q]
    assert rank([a, b, c]) == [2, 3, 1]
    if voters < 100:
        assert reference_rank([a, b, c]) == [2, 3, 1]


def test_tally_ballots_counts_blank_as_worst():
    assert tally_ballots([[2, None], [1, 0]], n_projects=2, n_grades=3) == [[0, 1, 1], [2, 0, 0]]
    with pytest.raises(ValueError, match="outside"):
        tally_ballots([[3, 0]], n_projects=2, n_grades=3)
    with pytest.raises(ValueError, match="expected 2"):
        tally_ballots([[1]], n_projects=2, n_grades=3)


# --- brute-force reference ----------------------------------------------------------------------


def reference_values(tally: list[int]) -> list[int]:
    """Literally remove lower medians one by one from the expanded list of grades."""
    grades = sorted(g for g, c in enumerate(tally) for _ in range(c))
    out = []
    while grades:
        median = grades[(len(grades) + 1) // 2 - 1]
        out.append(median)
        grades.remove(median)
    return out


def reference_rank(tallies: list[list[int]]) -> list[int]:
    values = [reference_values(t) for t in tallies]
    return [1 + sum(1 for w in values if w > v) for v in values]


def tallies_strategy(max_voters: int = 12, max_projects: int = 6, max_grades: int = 5):
    """Equal-N tallies: drawn as per-voter grades, so every project has the same N."""

    @st.composite
    def build(draw):
        n_grades = draw(st.integers(1, max_grades))
        n_projects = draw(st.integers(1, max_projects))
        n_voters = draw(st.integers(0, max_voters))
        ballots = draw(
            st.lists(
                st.lists(st.integers(0, n_grades - 1), min_size=n_projects, max_size=n_projects),
                min_size=n_voters,
                max_size=n_voters,
            )
        )
        return tally_ballots(ballots, n_projects, n_grades), ballots, n_grades

    return build()


@settings(max_examples=300, deadline=None)
@given(tallies_strategy())
def test_matches_brute_force(case):
    tallies, _ballots, _g = case
    assert rank(tallies) == reference_rank(tallies)
    for t in tallies:
        assert majority_values_of_tally(t) == reference_values(t)


@settings(max_examples=200, deadline=None)
@given(tallies_strategy(), st.randoms(use_true_random=False))
def test_voter_order_does_not_matter(case, rnd):
    tallies, ballots, n_grades = case
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert rank(tally_ballots(shuffled, len(tallies), n_grades)) == rank(tallies)


@settings(max_examples=200, deadline=None)
@given(tallies_strategy(), st.data())
def test_a_new_best_grade_never_lowers_a_project(case, data):
    """A new voter grades one project best and leaves the others blank (= worst)."""
    tallies, _ballots, n_grades = case
    target = data.draw(st.integers(0, len(tallies) - 1))
    before = rank(tallies)[target]
    after_tallies = [list(t) for t in tallies]
    for index, t in enumerate(after_tallies):
        t[n_grades - 1 if index == target else 0] += 1
    assert rank(after_tallies)[target] <= before


@settings(max_examples=200, deadline=None)
@given(tallies_strategy(), st.data())
def test_moving_a_vote_up_never_lowers_a_project(case, data):
    tallies, _ballots, n_grades = case
    target = data.draw(st.integers(0, len(tallies) - 1))
    movable = [g for g in range(n_grades - 1) if tallies[target][g] > 0]
    if not movable:
        return
    grade = data.draw(st.sampled_from(movable))
    changed = [list(t) for t in tallies]
    changed[target][grade] -= 1
    changed[target][grade + 1] += 1
    assert rank(changed)[target] <= rank(tallies)[target]


@settings(max_examples=200, deadline=None)
@given(tallies_strategy(max_projects=5))
def test_compare_is_a_total_preorder(case):
    tallies, _ballots, _g = case
    for a in tallies:
        for b in tallies:
            assert compare(a, b) == -compare(b, a)
            # antisymmetric on distinct profiles: only identical tallies tie
            assert (compare(a, b) == 0) == (a == b)
            for c in tallies:
                if compare(a, b) >= 0 and compare(b, c) >= 0:
                    assert compare(a, c) >= 0


@settings(max_examples=200, deadline=None)
@given(tallies_strategy(max_projects=4))
def test_different_gauges_decide(case):
    """When gauges differ, the gauge order is the majority-value order (Balinski-Laraki)."""
    tallies, _ballots, _g = case
    if sum(tallies[0]) == 0:
        return

    def gauge_key(t):
        alpha, signed = majority_gauge(t)
        # a larger positive p is better; a larger q (more negative) is worse
        return (alpha, 1 if signed > 0 else 0, signed)

    for a in tallies:
        for b in tallies:
            ka, kb = gauge_key(a), gauge_key(b)
            if ka != kb:
                assert compare(a, b) == (1 if ka > kb else -1)


def test_sort_with_compare_matches_rank():
    tallies = [[3, 1, 2], [2, 2, 2], [1, 4, 1], [3, 0, 3], [0, 6, 0]]
    order = sorted(range(5), key=functools.cmp_to_key(lambda i, j: compare(tallies[j], tallies[i])))
    ranks = rank(tallies)
    assert [ranks[i] for i in order] == sorted(ranks)
