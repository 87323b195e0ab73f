"""Before drawing: how relaxing each quota bound by one seat changes the lowest selection probability."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sortition_helpers import brute_force_leximin, drawn_rows, feasible_panels, loose_quotas, tiny_pool

from parvis.sortition import InfeasibleQuotas, Quota, Quotas, make_quotas, sensitivity

FAST = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def brute_minimum(pool, quotas: Quotas) -> float:
    return min(brute_force_leximin(pool, feasible_panels(pool, quotas)).values())


def relaxed(quotas: Quotas, feature: str, value: str, bound: str) -> Quotas:
    rows = [
        Quota(q.feature, q.value, q.min - 1, q.max)
        if (q.feature, q.value, bound) == (feature, value, "min")
        else Quota(q.feature, q.value, q.min, q.max + 1)
        if (q.feature, q.value, bound) == (feature, value, "max")
        else q
        for q in quotas.quotas
    ]
    return make_quotas(quotas.panel_size, rows)


def test_by_hand_the_binding_maximum_raises_the_minimum_and_a_loose_bound_changes_nothing():
    # 2 seats; 2 young and 4 old people; at most 1 old seat: 4 old people share at most one seat,
    # so each gets at most 1/4 (the old maximum binds). With 2 old seats allowed, all 6 people can
    # have 2/6 (one woman and one man per panel). The minimum of 1 man is met by every panel of
    # the fairest lottery (one woman and one man): relaxing it changes nothing.
    pool = tiny_pool([("f", "young"), ("m", "young"), ("f", "old"), ("m", "old"), ("f", "old"), ("m", "old")])
    quotas = make_quotas(2, {"age": {"young": (0, 2), "old": (0, 1)}, "gender": {"f": (0, 2), "m": (1, 2)}})
    found = sensitivity(pool, quotas)
    assert found.minimum == pytest.approx(0.25, abs=1e-7)
    effects = {(e.feature, e.value, e.bound): e for e in found.effects}
    # the other bounds are 0 or at the panel size: they cannot be relaxed
    assert set(effects) == {("age", "old", "max"), ("gender", "m", "min")}
    old = effects["age", "old", "max"]
    assert (old.current, old.new) == (1, 2)
    assert old.minimum == pytest.approx(1 / 3, abs=1e-7)
    assert old.change == pytest.approx(1 / 3 - 1 / 4, abs=1e-7)
    assert old.binds and old.estimate > found.minimum
    men = effects["gender", "m", "min"]
    assert (men.current, men.new, men.change, men.minimum) == (1, 0, 0.0, found.minimum)
    assert not men.binds and men.estimate == found.minimum
    assert found.effects[0] is old  # the largest effect first
    assert found.binding() == [old]
    assert found.recomputed == 1  # the loose bound was settled by the LP alone


def test_infeasible_quotas_are_refused():
    pool = tiny_pool([("f", "young"), ("m", "old"), ("m", "old")])
    quotas = make_quotas(2, {"age": {"young": (2, 2), "old": (0, 2)}, "gender": {"f": (0, 2), "m": (0, 2)}})
    with pytest.raises(InfeasibleQuotas):
        sensitivity(pool, quotas)


@st.composite
def instances(draw_):
    """A small pool (5-8 people, two features) with quotas loose enough to be usually feasible."""
    rows = drawn_rows(draw_, 5, 8)
    return tiny_pool(rows), loose_quotas(draw_, rows, draw_(st.integers(2, 3)), highest_minimum=2)


@FAST
@given(instances())
def test_a_relaxed_bound_never_lowers_the_minimum_and_matches_brute_force(instance):
    pool, quotas = instance
    try:
        found = sensitivity(pool, quotas)
    except InfeasibleQuotas:
        assume(False)
    assert found.minimum == pytest.approx(brute_minimum(pool, quotas), abs=1e-6)
    for effect in found.effects:
        assert effect.change >= 0.0
        assert effect.minimum >= found.minimum
        exact = brute_minimum(pool, relaxed(quotas, effect.feature, effect.value, effect.bound))
        assert effect.minimum == pytest.approx(exact, abs=1e-6)
    changes = [e.change for e in found.effects]
    assert changes == sorted(changes, reverse=True)
