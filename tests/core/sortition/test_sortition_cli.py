import csv
import json

from click.testing import CliRunner
from sortition_helpers import QUOTAS_TOML, pool_csv

from parvis.sortition.cli import draw


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


POOL = pool_csv(email=True)


def test_panel_then_verify(tmp_path):
    pool = write(tmp_path / "pool.csv", POOL)
    quotas = write(tmp_path / "quotas.toml", QUOTAS_TOML)
    runner = CliRunner()
    args = ["panel", str(pool), str(quotas), "-p", "2026-07-01 3 14 27", "--reserve", "2"]
    args += ["--record", str(tmp_path / "draw.json"), "--out", str(tmp_path / "panel.csv")]
    result = runner.invoke(draw, args)
    assert result.exit_code == 0, result.output
    assert "selection probability over 12 people: min" in result.output
    canonical = (tmp_path / "draw.pool.csv").read_text(encoding="utf-8")
    assert canonical.splitlines()[0] == "id,age,gender"  # only what the draw needs: no e-mail
    with (tmp_path / "panel.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["status"] for r in rows] == ["selected"] * 4 + ["reserve"] * 2
    ok = runner.invoke(draw, ["verify", str(tmp_path / "draw.json")])
    assert ok.exit_code == 0, ok.output
    assert "MATCHES" in ok.output
    # the original pool file verifies too (same canonical content)
    ok = runner.invoke(draw, ["verify", str(tmp_path / "draw.json"), "--pool", str(pool), "--no-recompute"])
    assert ok.exit_code == 0, ok.output
    tampered = write(tmp_path / "tampered.csv", POOL.replace("p3,f,old", "p3,f,young"))
    bad = runner.invoke(draw, ["verify", str(tmp_path / "draw.json"), "--pool", str(tampered)])
    assert bad.exit_code == 1
    assert "DOES NOT MATCH" in bad.output


def test_infeasible_panel_is_explained(tmp_path):
    pool = write(tmp_path / "pool.csv", POOL)
    quotas = write(tmp_path / "quotas.toml", QUOTAS_TOML.replace("f = [2, 2]", "f = [4, 4]"))
    result = CliRunner().invoke(
        draw, ["panel", str(pool), str(quotas), "-p", "x", "--record", str(tmp_path / "d.json")]
    )
    assert result.exit_code == 3
    assert "cannot all be met" in result.output
    assert "gender = f: minimum 4 -> 2 (-2)" in result.output or "gender" in result.output
    assert not (tmp_path / "d.json").exists()


def test_bad_pool_lists_lines(tmp_path):
    pool = write(tmp_path / "pool.csv", "id,gender,age\n1,f,young\n2,m\n")
    quotas = write(tmp_path / "quotas.toml", QUOTAS_TOML)
    result = CliRunner().invoke(
        draw, ["panel", str(pool), str(quotas), "-p", "x", "--record", str(tmp_path / "d.json")]
    )
    assert result.exit_code == 2
    assert "Line 3" in result.output


def test_lot_parity_and_proportional(tmp_path):
    pool = write(tmp_path / "pool.csv", POOL)
    runner = CliRunner()
    result = runner.invoke(
        draw,
        [
            "lot",
            str(pool),
            "--by",
            "gender",
            "--group",
            "f=2",
            "--group",
            "m=2",
            "-p",
            "x",
            "--record",
            str(tmp_path / "parity.json"),
            "--out",
            str(tmp_path / "parity.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "parity.json").read_text())["kind"] == "lot"
    assert runner.invoke(draw, ["verify", str(tmp_path / "parity.json")]).exit_code == 0
    shares = write(tmp_path / "shares.csv", "group,share\nf,3\nm,1\n")
    result = runner.invoke(
        draw,
        [
            "lot",
            str(pool),
            "--by",
            "gender",
            "--seats",
            "4",
            "--shares",
            str(shares),
            "-p",
            "x",
            "--record",
            str(tmp_path / "prop.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "{'f': 3, 'm': 1}" in result.output
    result = runner.invoke(
        draw, ["lot", str(pool), "--seats", "3", "-p", "x", "--record", str(tmp_path / "u.json")]
    )
    assert result.exit_code == 0, result.output


def test_predraw_and_verify(tmp_path):
    roll = write(tmp_path / "roll.csv", "id,name\n" + "".join(f"E{i},N{i}\n" for i in range(300)))
    runner = CliRunner()
    result = runner.invoke(
        draw,
        [
            "predraw",
            str(roll),
            "-k",
            "25",
            "-p",
            "2026-03-01 loto 1 2 3",
            "--out",
            str(tmp_path / "letters.csv"),
            "--record",
            str(tmp_path / "pre.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "25 of 300 rows drawn" in result.output
    ok = runner.invoke(draw, ["verify", str(tmp_path / "pre.json"), "--roll", str(roll)])
    assert ok.exit_code == 0, ok.output
    bad = write(tmp_path / "bad.csv", "id,name\nE1,a\nE1,b\n")
    result = runner.invoke(
        draw,
        [
            "predraw",
            str(bad),
            "-k",
            "1",
            "-p",
            "x",
            "--out",
            str(tmp_path / "o.csv"),
            "--record",
            str(tmp_path / "r.json"),
        ],
    )
    assert result.exit_code == 2
    assert "duplicate id E1" in result.output
