import msgspec
import pytest

from parvis.sortition import (
    draw_lot,
    draw_panel,
    lot_spec,
    make_quotas,
    pool_from_records,
    read_record,
    replacements,
    verify,
    write_record,
)
from parvis.sortition.lottery import apportion, publish_weights, sample_panel

LOTTERY = ["2026-06-12 EuroMillions 5 17 23 38 44 * 3 11"]


@pytest.fixture
def applicants():
    return pool_from_records([{"id": f"A{i:03d}", "group": "eu" if i % 3 else "non-eu"} for i in range(40)])


def test_golden_lot(applicants):
    """A fixed pool and public inputs always give this panel: the procedure is frozen."""
    assert applicants.sha256 == "cd57d3d036643919fc33e4266e69be8a32d49a17a6b3bf8d835bb1c8e5999596"
    record = draw_lot(applicants, lot_spec(seats=15, reserve=3), LOTTERY)
    assert record.seed == "ddfefe5a03c987f586fd627ec2d01c2b56e54734cf7fbe8edf31e898e6bfea40"
    assert record.panel == [
        "A000", "A002", "A011", "A014", "A016", "A020", "A021", "A022",
        "A023", "A029", "A030", "A031", "A033", "A038", "A039",
    ]  # fmt: skip
    assert record.reserve == ["A024", "A037", "A010"]
    assert record.summary.minimum == record.summary.maximum == 15 / 40


def test_golden_sample_from_a_distribution():
    types = [["a", "b", "c"], ["d", "e"], ["f"]]
    panels = [{0: 1, 1: 1}, {0: 2}, {1: 1, 2: 1}]
    assert sample_panel(types, panels, [1, 2, 3], "11" * 32) == (1, ["b", "c"])


def test_published_weights_sum_exactly():
    weights = publish_weights([1 / 3, 1 / 3, 1 / 3], denominator=10)
    assert weights == [4, 3, 3]
    assert sum(publish_weights([0.1] * 7 + [0.3])) == 10**12


def test_panel_draw_is_reproducible_and_verifies(small_instance):
    pool, quotas = small_instance
    a = draw_panel(pool, quotas, LOTTERY, reserve=2)
    b = draw_panel(pool, quotas, LOTTERY, reserve=2)
    assert (a.panel, a.reserve, a.seed, a.distribution) == (b.panel, b.reserve, b.seed, b.distribution)
    assert a.summary.minimum == pytest.approx(min(a.probabilities.values()))
    result = verify(a, pool=pool)
    assert result.ok, str(result)
    assert "MATCHES" in str(result)


def test_record_round_trips_through_json(small_instance, tmp_path):
    pool, quotas = small_instance
    record = draw_panel(pool, quotas, LOTTERY, reserve=1)
    write_record(record, tmp_path / "draw.json")
    again = read_record(tmp_path / "draw.json")
    assert msgspec.json.encode(again) == msgspec.json.encode(record)
    assert verify(again, pool=pool, recompute=False).ok


def test_verification_detects_tampering(small_instance):
    pool, quotas = small_instance
    record = draw_panel(pool, quotas, LOTTERY, reserve=2)
    # one byte of the pool
    records = pool.records()
    records[3]["age"] = "young" if records[3]["age"] == "old" else "old"
    assert not verify(record, pool=pool_from_records(records)).ok
    # the public inputs
    assert not verify(msgspec.structs.replace(record, public_inputs=["2026-06-12 5 17 23"]), pool=pool).ok
    # the panel
    swapped = [*record.panel[:-1], next(p for p in pool.ids if p not in record.panel)]
    assert not verify(msgspec.structs.replace(record, panel=sorted(swapped)), pool=pool, recompute=False).ok
    # the quotas
    bad_quotas = dict(record.quotas)
    bad_quotas["panel_size"] = 5
    assert not verify(msgspec.structs.replace(record, quotas=bad_quotas), pool=pool, recompute=False).ok
    # the distribution's weights
    dist = record.distribution
    if len(dist.weights) > 1:
        w = list(dist.weights)
        w[0], w[1] = w[1], w[0]
        forged = msgspec.structs.replace(dist, weights=w)
        assert not verify(msgspec.structs.replace(record, distribution=forged), pool=pool, recompute=False).ok


def test_a_changed_pool_changes_the_seed_verification_recomputes(applicants):
    """The verifier derives the seed from the files it is given, so a changed pool shows in the
    seed it recomputes, not only in the pool's hash."""
    record = draw_lot(applicants, lot_spec(seats=15, reserve=3), LOTTERY)
    records = applicants.records()
    records[0]["id"] = "A000x"
    result = verify(record, pool=pool_from_records(records))
    failed = {name for name, ok, _detail in result.checks if not ok}
    assert {"pool SHA-256", "seed"} <= failed


def test_any_input_change_changes_the_seed(small_instance):
    pool, quotas = small_instance
    base = draw_panel(pool, quotas, LOTTERY)
    other_inputs = draw_panel(pool, quotas, ["2026-06-12 EuroMillions 5 17 23 38 45 * 3 11"])
    looser = make_quotas(4, {"gender": {"f": (1, 3), "m": (1, 3)}, "age": {"young": (2, 3), "old": (1, 2)}})
    other_quotas = draw_panel(pool, looser, LOTTERY)
    assert len({base.seed, other_inputs.seed, other_quotas.seed}) == 3


def test_parity_lot(applicants):
    record = draw_lot(
        applicants, lot_spec(column="group", group_seats={"eu": 6, "non-eu": 6}, reserve=2), LOTTERY
    )
    groups = dict(zip(applicants.ids, applicants.column("group"), strict=True))
    assert sorted(groups[p] for p in record.panel) == ["eu"] * 6 + ["non-eu"] * 6
    assert len(record.reserve) == 4
    assert verify(record, pool=applicants).ok


def test_proportional_lot_uses_largest_remainders(applicants):
    record = draw_lot(applicants, lot_spec(column="group", seats=10), LOTTERY)
    # 26 eu and 14 non-eu: quotas 6.5 and 3.5, tie broken by the seeded order
    assert sorted(record.stats["apportionment"].values()) == [4, 6] or sorted(
        record.stats["apportionment"].values()
    ) == [3, 7]
    assert sum(record.stats["apportionment"].values()) == 10
    assert verify(record, pool=applicants).ok


def test_apportionment():
    assert apportion(
        61, {"de": 30, "it": 25, "es": 20, "pt": 25}, {"de": 99, "it": 99, "es": 99, "pt": 99}, "00" * 32
    ) == {"de": 19, "es": 12, "it": 15, "pt": 15}
    # capacity caps a group and its seats go to the others
    assert apportion(10, {"a": 9, "b": 1}, {"a": 5, "b": 20}, "00" * 32) == {"a": 5, "b": 5}
    with pytest.raises(ValueError, match="10 seats but only 3 applicants"):
        apportion(10, {"a": 1}, {"a": 3}, "00" * 32)


def test_replacements_keep_the_quotas(small_instance):
    pool, quotas = small_instance
    record = draw_panel(pool, quotas, LOTTERY, reserve=6)
    leaving = record.panel[0]
    found = replacements(record, pool, [leaving])
    newcomer = found[leaving]
    assert newcomer in record.reserve
    values = {f: dict(zip(pool.ids, pool.column(f), strict=True)) for f in quotas.features}
    panel = [p for p in record.panel if p != leaving] + [newcomer]
    for q in quotas.quotas:
        assert q.min <= sum(values[q.feature][p] == q.value for p in panel) <= q.max


def test_lot_replacement_comes_from_the_same_group(applicants):
    record = draw_lot(
        applicants, lot_spec(column="group", group_seats={"eu": 3, "non-eu": 3}, reserve=2), LOTTERY
    )
    groups = dict(zip(applicants.ids, applicants.column("group"), strict=True))
    leaving = record.panel[0]
    newcomer = replacements(record, applicants, [leaving])[leaving]
    assert groups[newcomer] == groups[leaving]
