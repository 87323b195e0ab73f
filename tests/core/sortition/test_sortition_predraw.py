import csv

import pytest

from parvis.sortition import InputError, Stream, predraw, verify


def write_roll(path, rows, header=("id", "name", "district")):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def test_predraw_selects_k_distinct_rows(tmp_path):
    roll = write_roll(tmp_path / "roll.csv", [(f"E{i}", f"Person {i}", str(i % 20 + 1)) for i in range(500)])
    record = predraw(roll, 50, ["2026-03-01 loto 7 21 33"], out=tmp_path / "out.csv")
    assert len(record.panel) == len(set(record.panel)) == 50
    with (tmp_path / "out.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == record.panel
    assert sorted(record.stats["order"]) == sorted(record.panel)
    assert verify(record, roll=roll).ok


def test_predraw_is_uniform(tmp_path):
    """Over many seeds, every row of a 12-row roll is drawn about equally often."""
    roll = write_roll(tmp_path / "roll.csv", [(f"E{i}", "x", "1") for i in range(12)])
    counts = dict.fromkeys((f"E{i}" for i in range(12)), 0)
    trials = 600
    for t in range(trials):
        for pid in predraw(roll, 3, [str(t)]).panel:
            counts[pid] += 1
    expected = trials * 3 / 12
    chi2 = sum((c - expected) ** 2 / expected for c in counts.values())
    assert chi2 < 31.3  # df = 11, p = 0.001


def test_malformed_roll_is_rejected_with_line_numbers(tmp_path):
    rows = [("E1", "a", "1"), ("E2", "b"), ("", "c", "3"), ("E1", "d", "4"), ("E5", "e", "5")]
    roll = write_roll(tmp_path / "roll.csv", rows)
    out = tmp_path / "out.csv"
    with pytest.raises(InputError) as info:
        predraw(roll, 2, ["x"], out=out)
    assert [p.line for p in info.value.problems] == [3, 4, 5]
    assert "duplicate id E1 (first on line 2)" in str(info.value)
    assert not out.exists()


def test_required_columns(tmp_path):
    roll = write_roll(tmp_path / "roll.csv", [("E1", "a", "1"), ("E2", "", "2")])
    with pytest.raises(InputError, match="empty value in column name"):
        predraw(roll, 1, ["x"], required=["name"])


def test_tampered_roll_fails_verification(tmp_path):
    roll = write_roll(tmp_path / "roll.csv", [(f"E{i}", f"P{i}", "1") for i in range(100)])
    record = predraw(roll, 10, ["x"])
    write_roll(roll, [(f"E{i}", f"P{i}", "2" if i == 99 else "1") for i in range(100)])
    result = verify(record, roll=roll)
    assert not result.ok
    assert "roll SHA-256" in str(result)


def test_rows_with_line_breaks_and_blank_lines(tmp_path):
    """Quoted line breaks and blank lines take the CSV-parsing path; rows are counted, not lines."""
    write_roll(tmp_path / "plain.csv", [(f"E{i}", f"name {i}", "1") for i in range(40)])
    text = (tmp_path / "plain.csv").read_text(encoding="utf-8")
    odd = tmp_path / "odd.csv"
    odd.write_text(text.replace("name 5,", '"name\n5",').replace("E9,", "\nE9,"), encoding="utf-8")
    record = predraw(odd, 20, ["x"], out=tmp_path / "b.csv")
    expected = sorted(Stream(record.seed, "predraw").sample(40, 20))
    assert record.panel == [f"E{i}" for i in expected]
    with (tmp_path / "b.csv").open(encoding="utf-8", newline="") as f:
        names = {r["id"]: r["name"] for r in csv.DictReader(f)}
    assert all(names[f"E{i}"] == (f"name {i}" if i != 5 else "name\n5") for i in expected)
