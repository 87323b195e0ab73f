"""Pabulib `.pb` export and import: round trips through our reader and pabutools' parser."""

from __future__ import annotations

import numpy as np
import pytest

from parvis.plugins.budget import pabulib
from parvis.plugins.budget.rules.majority_judgment import tally_ballots

META = {"description": "Demo; fictitious", "country": "France", "unit": "Paris", "instance": "2026"}


def approval_example():
    approvals = np.array([[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 0, 1]], dtype=bool)
    return pabulib.approval_file(
        META,
        project_ids=["1", "2", "7"],
        costs=[60_000_00, 800_000, 1_400_050],
        approvals=approvals,
        budget=2_500_000_00,
        names=['Jardin "partagé"', "Piste; cyclable", "Bancs"],
    ), approvals


def test_amounts_in_units_are_exact():
    assert pabulib.cents_to_units(123456) == "1234.56"
    assert pabulib.cents_to_units(120000) == "1200"
    assert pabulib.cents_to_units(5) == "0.05"
    assert pabulib.units_to_cents("1234.56") == 123456
    assert pabulib.units_to_cents("1234,5") == 123450
    with pytest.raises(pabulib.PabulibError, match="fractions of a cent"):
        pabulib.units_to_cents("1.234")
    with pytest.raises(pabulib.PabulibError, match="not an amount"):
        pabulib.units_to_cents("abc")


def test_approval_round_trip():
    pb, approvals = approval_example()
    text = pabulib.dumps(pb)
    assert text.startswith("META\nkey;value\ndescription;")
    assert '"Demo; fictitious"' in text  # quoted because of the separator
    back = pabulib.loads(text)
    assert back.meta["num_projects"] == "3"
    assert back.meta["num_votes"] == "4"
    assert back.budget == 2_500_000_00
    assert [p.cost for p in back.projects] == [60_000_00, 800_000, 1_400_050]
    assert back.projects[0].extra["name"] == 'Jardin "partagé"'
    assert (back.approvals() == approvals).all()
    assert back.tallies() == [[2, 2], [2, 2], [3, 1]]


def test_grades_round_trip_counts_blank_as_worst():
    ballots = [[3, None, 1], [0, 2, 2], [None, None, None], [1, 3, 0]]
    pb = pabulib.grades_file(
        META,
        project_ids=["a", "b", "c"],
        costs=[100, 200, 300],
        ballots=ballots,
        budget=500,
        n_grades=4,
    )
    text = pabulib.dumps(pb)
    back = pabulib.loads(text)
    assert back.vote_type == "scoring"
    assert back.meta["max_points"] == "3"
    assert back.tallies() == tally_ballots(ballots, 3, 4)


def test_reader_is_lenient_on_spacing_and_bom_and_strict_on_content():
    text = "\ufeffMETA\nkey; value\nbudget; 2500\nvote_type; approval\n\nPROJECTS\nproject_id; cost\n1; 600\n"
    text += "VOTES\nvoter_id; vote\n1; 1\n2;\n"
    pb = pabulib.loads(text)
    assert pb.budget == 250_000
    assert pb.approvals().tolist() == [[True], [False]]
    with pytest.raises(pabulib.PabulibError, match="unknown project"):
        pabulib.loads(text.replace("1; 1\n", "1; 9\n")).approvals()
    with pytest.raises(pabulib.PabulibError, match="budget"):
        pabulib.loads("META\nkey;value\nvote_type;approval\n")
    with pytest.raises(pabulib.PabulibError, match="before the META"):
        pabulib.loads("1;2\n")
    with pytest.raises(pabulib.PabulibError, match="as many points"):
        pabulib.loads("META\nkey;value\nbudget;1\nvote_type;scoring\nVOTES\nvoter_id;vote;points\n1;a,b;1\n")


def test_pabutools_reads_our_files():
    parser = pytest.importorskip("pabutools.election.pabulib")
    pb, approvals = approval_example()
    instance, profile = parser.parse_pabulib_from_string(pabulib.dumps(pb))
    assert instance.budget_limit == 2_500_000
    costs = sorted((p.name, float(p.cost)) for p in instance)
    assert costs == [("1", 60000.0), ("2", 8000.0), ("7", 14000.5)]
    assert len(profile) == 4
    assert sorted(len(b) for b in profile) == sorted(int(x) for x in approvals.sum(axis=1))

    grades = pabulib.grades_file(
        META, project_ids=["a", "b"], costs=[1, 2], ballots=[[2, 1], [None, None]], budget=3, n_grades=3
    )
    instance, profile = parser.parse_pabulib_from_string(pabulib.dumps(grades))
    assert len(profile) == 2
    first = profile[0]
    assert {p.name: int(first[p]) for p in first} == {"a": 2, "b": 1}
