import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sortition_helpers import brute_force_leximin, feasible_panels, tiny_pool

from parvis.sortition import (
    InfeasibleQuotas,
    build_model,
    check_quotas,
    compute_distribution,
    draw_panel,
    leximin_distribution,
    make_quotas,
    pool_from_records,
)


def person_probabilities(pool, quotas, method="auto"):
    model = build_model(pool, quotas)
    dist = leximin_distribution(model, method=method)
    for x in dist.panels:
        assert model.panel_is_feasible(x)
    assert abs(dist.probabilities.sum() - 1) < 1e-9
    return {pid: float(dist.type_probabilities[t]) for t, ms in enumerate(model.members) for pid in ms}


@pytest.mark.parametrize("method", ["auto", "cg"])
def test_matches_brute_force_on_a_small_instance(small_instance, method):
    pool, quotas = small_instance
    expected = brute_force_leximin(pool, feasible_panels(pool, quotas))
    got = person_probabilities(pool, quotas, method)
    for pid in pool.ids:
        assert got[pid] == pytest.approx(expected[pid], abs=1e-6)


def test_matches_brute_force_with_households():
    rows = [
        ("f", "a", "h1"),
        ("f", "b", "h1"),
        ("m", "a", "h2"),
        ("m", "b", "h3"),
        ("f", "a", "h4"),
        ("m", "a", "h4"),
    ]
    pool = tiny_pool(rows, ("gender", "age", "home"))
    quotas = make_quotas(
        3, {"gender": {"f": (1, 2), "m": (1, 2)}, "age": {"a": (1, 2), "b": (1, 2)}}, household_column="home"
    )
    expected = brute_force_leximin(pool, feasible_panels(pool, quotas))
    for method in ("auto", "cg"):
        got = person_probabilities(pool, quotas, method)
        for pid in pool.ids:
            assert got[pid] == pytest.approx(expected[pid], abs=1e-6)


VALUES = {"g": ["f", "m"], "a": ["y", "o", "s"], "d": ["n", "s"]}


@st.composite
def instances(draw, max_people=8, feasible=False):
    """Random pools and quotas; with `feasible`, quotas are built around a hidden panel."""
    n = draw(st.integers(4, max_people))
    rows = [tuple(draw(st.sampled_from(VALUES[f])) for f in VALUES) for _ in range(n)]
    k = draw(st.integers(1, min(4, n - 1)))
    hidden = draw(st.permutations(range(n)))[:k]
    quotas = {}
    for j, f in enumerate(VALUES):
        quotas[f] = {}
        for v in VALUES[f]:
            if feasible:
                seated = sum(rows[i][j] == v for i in hidden)
                lo = draw(st.integers(0, seated))
                hi = draw(st.integers(seated, k))
            else:
                lo = draw(st.integers(0, min(2, k)))
                hi = draw(st.integers(lo, k))
            quotas[f][v] = (lo, hi)
    return tiny_pool(rows, tuple(VALUES)), make_quotas(k, quotas)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=9, feasible=True), st.sampled_from(["auto", "cg"]))
def test_leximin_equals_brute_force_on_random_instances(instance, method):
    pool, quotas = instance
    expected = brute_force_leximin(pool, feasible_panels(pool, quotas))
    got = person_probabilities(pool, quotas, method)
    for pid in pool.ids:
        assert got[pid] == pytest.approx(expected[pid], abs=1e-6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_infeasibility_explanation_is_a_minimal_fix(instance):
    """Brute force agrees on feasibility; applying the relaxation makes the quotas feasible, and no
    smaller total relaxation of single bounds by one seat would (checked when the total is 1)."""
    pool, quotas = instance
    panels = feasible_panels(pool, quotas)
    info = check_quotas(pool, quotas)
    assert (info is None) == bool(panels)
    if info is None:
        return
    assert info.relaxations
    relaxed = {(q.feature, q.value): [q.min, q.max] for q in quotas.quotas}
    size = quotas.panel_size
    for r in info.relaxations:
        if r.bound == "panel_size":
            size = r.new
        else:
            relaxed[(r.feature, r.value)][0 if r.bound == "min" else 1] = r.new
    fixed = make_quotas(size, [(f, v, lo, hi) for (f, v), (lo, hi) in relaxed.items()])
    assert feasible_panels(pool, fixed)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=14, feasible=True), st.integers(0, 2**32 - 1))
def test_quotas_always_hold(instance, salt):
    pool, quotas = instance
    assert check_quotas(pool, quotas) is None
    record = draw_panel(pool, quotas, [str(salt)], reserve=2)
    assert len(record.panel) == quotas.panel_size
    values = {f: dict(zip(pool.ids, pool.column(f), strict=True)) for f in quotas.features}
    for q in quotas.quotas:
        seated = sum(values[q.feature][pid] == q.value for pid in record.panel)
        assert q.min <= seated <= q.max
    distribution, _ = compute_distribution(pool, quotas)
    model = build_model(pool, quotas)
    for panel in distribution.panels:
        x = np.zeros(model.num_types, dtype=np.int64)
        for t, c in panel:
            x[t] = c
        assert model.panel_is_feasible(x)
    probs = record.probabilities
    assert sum(probs.values()) == pytest.approx(quotas.panel_size, abs=1e-6)


def test_infeasible_quotas_are_explained():
    rows = [("f", "y")] * 3 + [("m", "o")] * 5
    pool = tiny_pool(rows)
    # 4 seats, at least 3 women, but at least 2 old people, and every woman is young
    quotas = make_quotas(4, {"gender": {"f": (3, 4), "m": (0, 4)}, "age": {"y": (0, 4), "o": (2, 4)}})
    with pytest.raises(InfeasibleQuotas) as info:
        draw_panel(pool, quotas, ["x"])
    explanation = info.value.infeasibility
    assert explanation.total_relaxation == 1
    (relaxation,) = explanation.relaxations
    assert relaxation.bound == "min"
    assert relaxation.old - relaxation.new == 1
    assert "cannot all be met" in str(info.value)


def test_simple_conflicts_are_named():
    pool = tiny_pool([("f", "y"), ("m", "o"), ("m", "y")])
    quotas = make_quotas(2, {"gender": {"f": (2, 2), "m": (1, 2)}, "age": {"y": (0, 2), "o": (0, 2)}})
    info = check_quotas(pool, quotas)
    assert info is not None
    text = str(info)
    assert "gender = f: minimum 2 but only 1 people in the pool" in text
    assert "the minimums add up to 3, more than the 2 seats" in text
    assert [(r.feature, r.value, r.bound, r.old, r.new) for r in info.relaxations] == [
        ("gender", "f", "min", 2, 1)
    ]


def test_pool_too_small_relaxes_the_panel_size():
    pool = tiny_pool([("f", "y"), ("m", "o")])
    quotas = make_quotas(3, {"gender": {"f": (0, 3), "m": (0, 3)}})
    info = check_quotas(pool, quotas)
    assert info is not None
    assert [r.bound for r in info.relaxations] == ["panel_size"]


def test_value_without_quota_is_an_input_error():
    from parvis.sortition import InputError

    pool = tiny_pool([("f", "y"), ("x", "o"), ("x", "y")])
    with pytest.raises(InputError, match="has no quota") as raised:
        build_model(pool, make_quotas(1, {"gender": {"f": (0, 1)}, "age": {"y": (0, 1), "o": (0, 1)}}))
    # A typo in the quotas is said once, with how many people it concerns, before each person.
    first, *rows = [str(p) for p in raised.value.problems]
    assert first == "value 'x' of gender has no quota (2 people); known values: f"
    assert [r.split(":")[0] for r in rows] == ["Line 3", "Line 4"]


def test_completion_by_column_generation_reaches_the_relaxed_optimum(small_instance):
    """The repair path used when a rounding step fails: from a single panel, column generation
    proves the relaxed leximin vector achievable and returns a distribution for it."""
    from parvis.sortition.leximin import _complete_by_column_generation, _relaxed_leximin
    from parvis.sortition.model import PanelOracle

    pool, quotas = small_instance
    model = build_model(pool, quotas)
    oracle = PanelOracle(model)
    pi = _relaxed_leximin(model)
    start = oracle.best(np.ones(model.num_types))
    completed = _complete_by_column_generation(model, oracle, pi, [start])
    assert completed is not None
    panels, lam = completed
    assert np.abs((lam @ panels) / model.counts - pi).max() < 1e-8
    expected = brute_force_leximin(pool, feasible_panels(pool, quotas))
    for t, members in enumerate(model.members):
        for pid in members:
            assert pi[t] == pytest.approx(expected[pid], abs=1e-6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_people=9, feasible=True), st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_households_match_brute_force(instance, homes):
    pool, quotas = instance
    records = [{**r, "home": f"h{homes[i]}" if homes[i] else f"own{i}"} for i, r in enumerate(pool.records())]
    pool = pool_from_records(records)
    quotas = make_quotas(quotas.panel_size, list(quotas.quotas), household_column="home")
    panels = feasible_panels(pool, quotas)
    if not panels:
        assert check_quotas(pool, quotas) is not None
        return
    expected = brute_force_leximin(pool, panels)
    got = person_probabilities(pool, quotas)
    for pid in pool.ids:
        assert got[pid] == pytest.approx(expected[pid], abs=1e-6)
    record = draw_panel(pool, quotas, ["x"])
    homes_drawn = [dict(zip(pool.ids, pool.column("home"), strict=True))[p] for p in record.panel]
    assert len(set(homes_drawn)) == len(homes_drawn)


@pytest.mark.parametrize("seed", range(6))
def test_fast_path_agrees_with_column_generation_on_mid_size_instances(seed):
    """Pools of 30-80 people: both methods give the same leximin vector and only feasible panels."""
    rng = np.random.default_rng(seed)
    values = {"g": ["f", "m"], "a": ["1", "2", "3", "4"], "e": ["x", "y", "z"], "q": ["y", "n"]}
    n, k = int(rng.integers(30, 80)), int(rng.integers(5, 15))
    rows = [
        {
            "id": f"p{i}",
            **{f: str(rng.choice(vals)) for f, vals in values.items()},
            "home": f"h{rng.integers(0, n)}",
        }
        for i in range(n)
    ]
    hidden = rng.permutation(n)[:k]
    quotas = {}
    for f, vals in values.items():
        quotas[f] = {}
        for v in vals:
            seated = sum(rows[i][f] == v for i in hidden)
            quotas[f][v] = (int(max(0, seated - rng.integers(0, 2))), int(seated + rng.integers(0, 2)))
    pool = pool_from_records(rows)
    household = {"household_column": "home"} if seed % 2 else {}
    model = build_model(pool, make_quotas(k, quotas, **household))
    results = [leximin_distribution(model, method=m) for m in ("auto", "cg")]
    for dist in results:
        assert all(model.panel_is_feasible(x) for x in dist.panels)
    auto, cg = (np.sort(np.repeat(d.type_probabilities, model.counts)) for d in results)
    assert np.abs(auto - cg).max() < 1e-6
