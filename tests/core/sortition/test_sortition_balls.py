"""The numbered-balls ceremony: the LEXIMIN distribution rounded to M equally likely panels."""

from __future__ import annotations

import msgspec
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sortition_helpers import QUOTAS_TOML, drawn_rows, loose_quotas, meets_quotas, pool_csv, tiny_pool

from parvis.sortition import InfeasibleQuotas, make_quotas, numbered_list, pick, verify
from parvis.sortition.balls import format_number, frequencies, list_bytes, read_list
from parvis.sortition.cli import draw

FAST = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@st.composite
def instances(draw_):
    """A small pool (6-12 people, two features) with quotas loose enough to be usually feasible."""
    rows = drawn_rows(draw_, 6, 12)
    k = draw_(st.integers(2, min(5, len(rows) - 1)))
    quotas = loose_quotas(draw_, rows, k)
    panels = draw_(st.sampled_from([7, 10, 50, 100]))
    return tiny_pool(rows), quotas, panels


@FAST
@given(instances())
def test_deviation_bound_feasibility_and_determinism(instance):
    pool, quotas, m = instance
    try:
        record, panels = numbered_list(pool, quotas, m)
    except InfeasibleQuotas:
        assume(False)
    assert len(panels) == m
    assert all(meets_quotas(p, pool, quotas) for p in panels)
    seen = frequencies(panels)
    gap = max(abs(seen.get(pid, 0) / m - p) for pid, p in record.probabilities.items())
    assert gap <= quotas.panel_size / m + 1e-12  # the Flanigan-Kehne-Procaccia bound k/M
    assert gap == pytest.approx(record.stats["largest_deviation"])
    again, panels_again = numbered_list(pool, quotas, m)
    assert list_bytes(panels_again) == list_bytes(panels)
    assert again.inputs == record.inputs
    assert verify(record, pool=pool, recompute=False, numbered_list=list_bytes(panels)).ok


def _tamper(panels, pool, kind: str, where: int) -> list[list[str]]:
    changed = [list(p) for p in panels]
    j = where % len(changed)
    if kind == "member":
        outside = next(pid for pid in pool.ids if pid not in changed[j])
        changed[j][0] = outside
        changed[j].sort()
    else:  # swap with the next panel that differs
        other = next(i for i in range(len(changed)) if changed[i] != changed[j])
        changed[j], changed[other] = changed[other], changed[j]
    return changed


@pytest.fixture
def ceremony(small_instance):
    pool, quotas = small_instance
    record, panels = numbered_list(pool, quotas, 20, reserve=2)
    return pool, record, panels, pick(record, panels, "07", pool)


def test_pick_is_the_numbered_panel_and_verifies(ceremony):
    pool, _record, panels, drawn = ceremony
    assert drawn.public_inputs == ["07"]
    assert drawn.panel == panels[7]
    assert len(drawn.reserve) == 2 and not set(drawn.reserve) & set(drawn.panel)
    result = verify(drawn, pool=pool, numbered_list=list_bytes(panels), ball="07")
    assert result.ok, str(result)


@FAST
@given(kind=st.sampled_from(["member", "swap"]), where=st.integers(0, 19))
def test_tampering_with_the_list_is_detected(ceremony, kind, where):
    pool, _record, panels, drawn = ceremony
    assume(kind == "member" or any(p != panels[where] for p in panels))
    tampered = list_bytes(_tamper(panels, pool, kind, where))
    result = verify(drawn, pool=pool, recompute=False, numbered_list=tampered)
    assert not result.ok
    failed = {name for name, ok, _d in result.checks if not ok}
    assert "list file SHA-256" in failed
    differ = next(d for n, ok, d in result.checks if n == "every numbered panel is the computed one")
    assert format_number(where, 20) in differ


@FAST
@given(number=st.integers(0, 19))
def test_tampering_with_the_drawn_number_is_detected(ceremony, number):
    pool, _record, panels, drawn = ceremony
    listing = list_bytes(panels)
    assume(panels[number] != panels[7])
    forged = msgspec.structs.replace(drawn, public_inputs=[format_number(number, 20)])
    result = verify(forged, pool=pool, recompute=False, numbered_list=listing)
    assert not result.ok
    assert any(n.startswith("the selected people are panel") and not ok for n, ok, _d in result.checks)
    witnessed = verify(
        drawn, pool=pool, recompute=False, numbered_list=listing, ball=format_number(number, 20)
    )
    assert witnessed.ok == (number == 7)


def test_pick_refuses_a_changed_list_a_second_number_and_out_of_range(ceremony):
    pool, record, panels, drawn = ceremony
    with pytest.raises(ValueError, match="not the published one"):
        pick(record, _tamper(panels, pool, "member", 3), "07", pool)
    with pytest.raises(ValueError, match="already drawn"):
        pick(drawn, panels, "08", pool)
    with pytest.raises(ValueError, match="from 00 to 19"):
        pick(record, panels, "20", pool)
    assert read_list(list_bytes(panels)) == panels


def test_cli_publish_pick_verify(tmp_path):
    (tmp_path / "pool.csv").write_text(pool_csv(), encoding="utf-8")
    (tmp_path / "quotas.toml").write_text(QUOTAS_TOML, encoding="utf-8")
    runner = CliRunner()
    record = str(tmp_path / "draw.json")
    args = ["panel", str(tmp_path / "pool.csv"), str(tmp_path / "quotas.toml"), "--panels", "100"]
    published = runner.invoke(draw, [*args, "--reserve", "1", "--record", record])
    assert published.exit_code == 0, published.output
    assert "00-99" in published.output and "parvis draw pick" in published.output
    listing = tmp_path / "draw.panels.csv"
    assert listing.read_text(encoding="utf-8").splitlines()[0] == "number,seat_1,seat_2,seat_3,seat_4"
    before = runner.invoke(draw, ["verify", record, "--no-recompute"])
    assert before.exit_code == 0, before.output
    assert "not drawn yet" in before.output
    picked = runner.invoke(draw, ["pick", record, "--ball-number", "42"])
    assert picked.exit_code == 0, picked.output
    assert "Panel number 42" in picked.output
    ok = runner.invoke(draw, ["verify", record, "--ball-number", "42"])
    assert ok.exit_code == 0, ok.output
    lines = listing.read_text(encoding="utf-8").splitlines()
    lines[43] = lines[43].replace(lines[43].split(",")[1], "p99")
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = runner.invoke(draw, ["verify", record, "--no-recompute"])
    assert bad.exit_code == 1
    assert "1 panel differs: number 42" in bad.output and "DOES NOT MATCH" in bad.output
    again = runner.invoke(draw, ["pick", record, "--ball-number", "7"])
    assert again.exit_code == 2 and "already drawn" in again.output
    both = runner.invoke(draw, [*args, "-p", "x", "--record", record])
    assert both.exit_code == 2 and "parvis draw pick" in both.output


def test_household_rule_holds_in_every_numbered_panel():
    rows = [("f", "young", "h1"), ("m", "young", "h1"), ("f", "old", "h2"), ("m", "old", "h2")]
    rows += [("f", "young", f"h{i}") for i in range(3, 6)] + [("m", "old", f"h{i}") for i in range(6, 9)]
    pool = tiny_pool(rows, columns=("gender", "age", "home"))
    quotas = make_quotas(
        4,
        {"gender": {"f": (2, 2), "m": (2, 2)}, "age": {"young": (1, 3), "old": (1, 3)}},
        household_column="home",
    )
    record, panels = numbered_list(pool, quotas, 50)
    home = dict(zip(pool.ids, pool.column("home"), strict=True))
    assert all(len({home[pid] for pid in p}) == 4 for p in panels)
    assert record.stats["largest_deviation"] <= 4 / 50
    assert verify(record, pool=pool, numbered_list=list_bytes(panels)).ok
