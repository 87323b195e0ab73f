"""Replacement draws: LEXIMIN over the rest of the pool, conditioned on the sitting members."""

from __future__ import annotations

import itertools

import msgspec
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sortition_helpers import (
    brute_force_leximin,
    drawn_rows,
    feasible_panels,
    loose_quotas,
    meets_quotas,
    tiny_pool,
)

from parvis.sortition import (
    InfeasibleQuotas,
    draw_panel,
    make_quotas,
    pool_from_records,
    replacement_draw,
    verify,
    write_record,
)
from parvis.sortition.cli import draw
from parvis.sortition.replacement import conditioned

FAST = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@st.composite
def instances(draw_):
    """A pool of 8-14 people (two features), feasible-ish quotas, and who leaves the panel."""
    rows = drawn_rows(draw_, 8, 14)
    k = draw_(st.integers(2, min(5, len(rows) // 2)))
    quotas = loose_quotas(draw_, rows, k)
    leaving = draw_(st.integers(1, k))
    return tiny_pool(rows), quotas, leaving, draw_(st.integers(0, 10**6))


@FAST
@given(instances())
def test_a_replacement_keeps_every_quota_and_verifies(instance):
    pool, quotas, leaving, salt = instance
    try:
        original = draw_panel(pool, quotas, [f"first {salt}"])
    except InfeasibleQuotas:
        assume(False)
    gone = original.panel[:leaving]
    sitting = original.panel[leaving:]
    try:
        record = replacement_draw(original, pool, [f"second {salt}"], sitting=sitting)
    except (InfeasibleQuotas, ValueError):
        # Refused only when nobody left can complete the panel within the quotas (brute force).
        others = [pid for pid in pool.ids if pid not in original.panel]
        assert not any(
            meets_quotas([*sitting, *c], pool, quotas) for c in itertools.combinations(others, leaving)
        )
        return
    assert len(record.panel) == leaving
    assert not set(record.panel) & set(original.panel)
    assert meets_quotas([*sitting, *record.panel], pool, quotas)
    assert verify(record, pool=pool).ok
    assert record.spec["original_seed"] == original.seed and record.spec["sitting"] == sorted(sitting)
    assert gone[0] in record.spec["excluded"]


def test_the_replacement_is_leximin_over_the_completing_panels():
    rows = [
        ("f", "young"),
        ("f", "old"),
        ("m", "young"),
        ("m", "old"),
        ("f", "old"),
        ("m", "young"),
        ("f", "young"),
        ("m", "old"),
        ("f", "mid"),
        ("m", "mid"),
    ]
    pool = tiny_pool(rows)
    quotas = make_quotas(
        4, {"gender": {"f": (2, 2), "m": (2, 2)}, "age": {"young": (1, 2), "old": (1, 2), "mid": (0, 1)}}
    )
    original = draw_panel(pool, quotas, ["x"])
    sitting = original.panel[1:]
    record = replacement_draw(original, pool, ["y"], sitting=sitting)
    candidates, left = conditioned(pool, record.spec)
    expected = brute_force_leximin(candidates, feasible_panels(candidates, left))
    assert set(record.probabilities) == set(candidates.ids)
    for pid, p in expected.items():
        assert record.probabilities[pid] == pytest.approx(p, abs=1e-7)


def test_verify_detects_a_tampered_input():
    pool = pool_from_records(
        [
            {"id": f"p{i:02d}", "gender": "f" if i % 2 else "m", "age": ("young", "old")[i % 3 == 0]}
            for i in range(16)
        ]
    )
    quotas = make_quotas(6, {"gender": {"f": (3, 3), "m": (3, 3)}, "age": {"young": (2, 5), "old": (1, 4)}})
    original = draw_panel(pool, quotas, ["lottery 1 2 3"])
    record = replacement_draw(original, pool, ["lottery 4 5 6"], sitting=original.panel[2:])
    assert verify(record, pool=pool).ok
    # A changed public input, a person moved from one group to another, a changed sitting list:
    # each is detected.
    changed = msgspec.structs.replace(record, public_inputs=["lottery 4 5 7"])
    assert not verify(changed, pool=pool, recompute=False).ok
    rows = pool.records()
    rows[0]["age"] = "old" if rows[0]["age"] == "young" else "young"
    assert not verify(record, pool=pool_from_records(rows), recompute=False).ok
    spec = dict(record.spec)
    spec["sitting"] = spec["sitting"][1:]
    assert not verify(msgspec.structs.replace(record, spec=spec), pool=pool, recompute=False).ok
    failed = [name for name, ok, _d in verify(changed, pool=pool, recompute=False).checks if not ok]
    assert failed and all(name in ("seed", "selected people") for name in failed)


def test_no_room_left_is_said_in_plain_words():
    pool = tiny_pool([("f", "young")] * 4 + [("m", "old")] * 4)
    quotas = make_quotas(4, {"gender": {"f": (2, 2), "m": (2, 2)}, "age": {"young": (2, 2), "old": (2, 2)}})
    original = draw_panel(pool, quotas, ["x"])
    with pytest.raises(ValueError, match="vacant"):
        replacement_draw(original, pool, ["y"], sitting=original.panel)


def test_parvis_draw_verify_checks_a_replacement_record(tmp_path):
    pool = pool_from_records(
        [
            {"id": f"p{i:02d}", "gender": "f" if i % 2 else "m", "age": ("young", "old")[i % 3 == 0]}
            for i in range(16)
        ]
    )
    quotas = make_quotas(6, {"gender": {"f": (3, 3), "m": (3, 3)}, "age": {"young": (2, 5), "old": (1, 4)}})
    original = draw_panel(pool, quotas, ["lottery 1 2 3"])
    record = replacement_draw(original, pool, ["lottery 4 5 6"], sitting=original.panel[2:])
    write_record(record, tmp_path / "r.json")
    (tmp_path / "r.pool.csv").write_bytes(pool.canonical_bytes())
    result = CliRunner().invoke(
        draw, ["verify", str(tmp_path / "r.json"), "--pool", str(tmp_path / "r.pool.csv")]
    )
    assert result.exit_code == 0, result.output
    write_record(msgspec.structs.replace(record, public_inputs=["lottery 4 5 7"]), tmp_path / "r.json")
    failed = CliRunner().invoke(draw, ["verify", str(tmp_path / "r.json"), "--no-recompute"])
    assert failed.exit_code == 1 and "FAIL" in failed.output
