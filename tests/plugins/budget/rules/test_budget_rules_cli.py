"""`parvis budget rank FILE.json`: tables, JSON, and clean errors (exit 2, no traceback)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from parvis.plugins.budget.rules.cli import rank

PARIS_EXAMPLE = {
    "projects": ["Garden", "Cycle lane", "School yard", "Fountain", "Benches"],
    "tallies": [[1, 1, 1], [1, 0, 2], [3, 0, 0], [2, 0, 1], [0, 3, 0]],
    "grades": ["Pas convaincu·e", "Pourquoi pas", "Coup de cœur"],
}


def run(tmp_path, content, *args):
    path = tmp_path / "counts.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return CliRunner().invoke(rank, [str(path), *args])


def test_table_lists_projects_best_first(tmp_path):
    result = run(tmp_path, PARIS_EXAMPLE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["Rank", "Project"]
    assert [line.split()[0] for line in lines[1:]] == ["1", "2", "3", "4", "5"]
    assert "Cycle lane" in lines[1]
    assert "School yard" in lines[5]
    assert "Coup de cœur" in lines[1]


def test_json_output(tmp_path):
    result = run(tmp_path, PARIS_EXAMPLE, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    ranks = {row["project"]: row["rank"] for row in document["results"]}
    assert ranks == {"Garden": 3, "Cycle lane": 1, "School yard": 5, "Fountain": 4, "Benches": 2}
    first = document["results"][0]
    assert first["majority_grade"] == "Coup de cœur"
    assert first["gauge"] == [2, -1]
    assert first["votes"] == 3


@pytest.mark.parametrize(
    "content",
    [
        {"a": [4, 5, 2, 1, 3, 1, 2], "b": [3, 6, 2, 1, 3, 1, 2]},
        {"tallies": {"a": [4, 5, 2, 1, 3, 1, 2], "b": [3, 6, 2, 1, 3, 1, 2]}},
    ],
)
def test_tallies_by_project_name(tmp_path, content):
    # The 18-voter example of paris.md: b (one vote moved up from the worst grade) ranks first.
    result = run(tmp_path, content, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]
    assert [(r["project"], r["rank"]) for r in rows] == [("b", 1), ("a", 2)]


@pytest.mark.parametrize(("locale", "grade"), [("fr", "J'aime bien"), ("en", "Like it")])
def test_bare_list_with_paris_grades_and_ties(site, tmp_path, locale, grade):
    from parvis.i18n import use_locale

    with use_locale(locale):  # the grades' names follow the official's language
        result = run(tmp_path, [[0, 1, 1, 2], [0, 1, 1, 2], [4, 0, 0, 0]], "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["results"]
    assert [(r["project"], r["rank"]) for r in rows] == [("1", 1), ("2", 1), ("3", 3)]
    assert rows[0]["majority_grade"] == grade


def test_missing_as_worst(tmp_path):
    counts = [[0, 0, 3], [0, 2, 0]]
    assert run(tmp_path, counts).exit_code == 2
    result = run(tmp_path, counts, "--missing-as-worst", "--json")
    assert result.exit_code == 0, result.output
    assert [r["votes"] for r in json.loads(result.output)["results"]] == [3, 3]
    result = run(tmp_path, counts, "--voters", "5", "--json")
    assert [r["votes"] for r in json.loads(result.output)["results"]] == [5, 5]


def test_approval_rule(tmp_path):
    result = run(tmp_path, [[5, 3], [2, 6], [5, 3]], "--rule", "approval")
    assert result.exit_code == 0, result.output
    assert [line.split() for line in result.output.splitlines()[1:]] == [
        ["1", "2", "6"],
        ["2", "1", "3"],
        ["2", "3", "3"],
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[1, 2], [3", "not valid JSON"),
        ('{"projects": ["a"]}', "tallies"),
        ('{"tallies": 3}', "must be a list"),
        ("[[1, 2], [1, 2, 3]]", "expected 2"),
        ("[[1, -2], [1, 0]]", "negative"),
        ("[[1, 2.5], [1, 0]]", "whole number"),
        ("[[1, true], [1, 0]]", "whole number"),
        ("[[1, 2], [2, 2]]", "different numbers of votes"),
        ('{"projects": ["a"], "tallies": [[1], [1]]}', "1 project names for 2 tallies"),
        ('{"grades": ["x"], "tallies": [[1, 1]]}', "1 grade names"),
        ('{"projects": [1], "tallies": [[1]]}', "list of names"),
        ('"hello"', "Expected a list"),
        ('{"a": [1, 2], "b": 3}', "Tally 2 is not a list"),
        ('{"projects": ["a"], "tallies": {"a": [1]}}', "not both"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, content, message):
    result = run(tmp_path, content)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_and_bad_encoding(tmp_path):
    result = CliRunner().invoke(rank, [str(tmp_path / "nope.json")])
    assert result.exit_code == 2
    path = tmp_path / "latin1.json"
    path.write_bytes(b"\xff\xfe\xfa")
    result = CliRunner().invoke(rank, [str(path)])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_reads_standard_input():
    result = CliRunner().invoke(rank, ["-", "--json"], input="[[0, 2], [1, 1]]")
    assert result.exit_code == 0, result.output
    assert [r["rank"] for r in json.loads(result.output)["results"]] == [1, 2]
