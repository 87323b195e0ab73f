"""Greedy envelope fill with the Qpop minimum and bonus: examples and properties."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parvis.plugins.budget.rules.allocation import (
    Envelope,
    allocate,
    greedy_fill,
    order_from_ranks,
    qpop_minimum_from_share,
)


def test_greedy_skips_projects_that_no_longer_fit():
    costs = [60, 50, 30, 10]
    assert greedy_fill(costs, [0, 1, 2, 3], 100) == [0, 2, 3]
    result = allocate(costs, [0, 1, 2, 3], Envelope(100))
    assert result.selected == (0, 2, 3)
    assert result.spent == 100
    assert result.remaining == 0


def test_order_from_ranks_breaks_ties_by_input_order_or_given_order():
    assert order_from_ranks([2, 1, 2, 4]) == [1, 0, 2, 3]
    assert order_from_ranks([2, 1, 2, 4], tie_order=[5, 0, 1, 9]) == [1, 2, 0, 3]


def test_qpop_minimum_changes_nothing_when_already_met():
    costs, qpop = [50, 30, 40, 20], [False, True, False, True]
    plain = allocate(costs, [0, 1, 2, 3], Envelope(100))
    with_min = allocate(costs, [0, 1, 2, 3], Envelope(100, qpop_minimum=30), qpop)
    assert with_min.selected == plain.selected == (0, 1, 3)
    assert with_min.qpop_minimum_met
    assert not with_min.qpop_first


def test_qpop_minimum_serves_qpop_first_when_needed():
    # Plain fill: A(90) then B(qpop, 15) no longer fits: Qpop gets nothing.
    costs, qpop = [90, 15, 10], [False, True, False]
    assert allocate(costs, [0, 1, 2], Envelope(100)).selected == (0, 2)
    result = allocate(costs, [0, 1, 2], Envelope(100, qpop_minimum=10), qpop)
    assert result.selected == (1, 2)  # B first, then A (90) no longer fits, C does
    assert result.qpop_spent == 15
    assert result.qpop_minimum_met
    assert result.qpop_first


def test_qpop_minimum_unreachable_is_reported():
    result = allocate([50, 10], [0, 1], Envelope(100, qpop_minimum=40), [False, True])
    assert result.selected == (1, 0)
    assert not result.qpop_minimum_met


def test_qpop_bonus_is_extra_money_for_qpop_and_leftover_is_released():
    costs, qpop = [80, 30, 35], [False, True, False]
    result = allocate(costs, [0, 1, 2], Envelope(100, qpop_bonus=40), qpop)
    # Bonus: B (30) taken; 10 left joins the envelope: 110 -> A (80) fits, C (35) does not.
    assert result.selected == (1, 0)
    assert result.spent == 110
    assert result.envelope.total == 140


def test_share_to_cents_rounds_up():
    assert qpop_minimum_from_share(1001, Fraction(1, 4)) == 251
    assert qpop_minimum_from_share(1000, "0.25") == 250
    with pytest.raises(ValueError, match="between 0 and 1"):
        qpop_minimum_from_share(1000, 2)


def test_bad_inputs():
    with pytest.raises(ValueError, match="negative"):
        Envelope(-1)
    with pytest.raises(ValueError, match="Qpop flag"):
        allocate([1], [0], Envelope(10, qpop_minimum=1))
    with pytest.raises(ValueError, match="twice"):
        allocate([1, 2], [0, 0], Envelope(10))


@st.composite
def instances(draw):
    m = draw(st.integers(0, 9))
    costs = draw(st.lists(st.integers(0, 60), min_size=m, max_size=m))
    qpop = draw(st.lists(st.booleans(), min_size=m, max_size=m))
    order = draw(st.permutations(list(range(m))))
    amount = draw(st.integers(0, 200))
    minimum = draw(st.integers(0, amount))
    bonus = draw(st.sampled_from([0, 0, draw(st.integers(0, 80))]))
    return costs, qpop, order, Envelope(amount, qpop_minimum=minimum, qpop_bonus=bonus)


@settings(max_examples=400, deadline=None)
@given(instances())
def test_allocation_properties(case):
    costs, qpop, order, envelope = case
    result = allocate(costs, order, envelope, qpop)
    chosen = set(result.selected)
    assert len(chosen) == len(result.selected)
    assert result.spent == sum(costs[j] for j in chosen) <= envelope.total
    assert result.qpop_spent == sum(costs[j] for j in chosen if qpop[j])
    # exhaustive: nothing left out still fits
    assert all(costs[j] > result.remaining for j in order if j not in chosen)
    if envelope.qpop_bonus == 0:
        plain = greedy_fill(costs, order, envelope.amount)
        if sum(costs[j] for j in plain if qpop[j]) >= envelope.qpop_minimum:
            assert list(result.selected) == plain
        qpop_alone = greedy_fill(costs, [j for j in order if qpop[j]], envelope.amount)
        if sum(costs[j] for j in qpop_alone) >= envelope.qpop_minimum:
            assert result.qpop_minimum_met
    else:
        bonus_part = greedy_fill(costs, [j for j in order if qpop[j]], envelope.qpop_bonus)
        assert result.qpop_spent >= sum(costs[j] for j in bonus_part)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_without_qpop_settings_it_is_the_plain_fill(case):
    costs, qpop, order, envelope = case
    plain = Envelope(envelope.amount)
    assert list(allocate(costs, order, plain, qpop).selected) == greedy_fill(costs, order, envelope.amount)
