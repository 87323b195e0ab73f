"""The rule registry: built-ins by name, a city swapping the rule, and approval ranking."""

from __future__ import annotations

import numpy as np
import pytest

from parvis.plugins.budget.rules import (
    BUILTIN_RULES,
    DEFAULT_RULE,
    PARIS_GRADES,
    AllocationRule,
    Envelope,
    Project,
    Votes,
    equal_shares_rule,
    majority_judgment_greedy_rule,
)
from parvis.plugins.budget.rules import approval as approval_rules
from parvis.plugins.budget.rules.approval import approval_matrix

# Four voters, three projects. Grades 0..3 (Paris scale); approval = grade >= 2.
GRADES = np.array(
    [
        [3, 0, 2],
        [3, 0, 2],
        [0, 3, 2],
        [1, 3, 0],
    ]
)
PROJECTS = [Project(cost=60), Project(cost=30), Project(cost=40, qpop=True)]


def votes() -> Votes:
    tallies = [[int((GRADES[:, j] == g).sum()) for g in range(4)] for j in range(3)]
    return Votes(tallies=tallies, approvals=GRADES >= 2)


def test_builtins_by_name():
    assert DEFAULT_RULE == "majority_judgment_greedy"
    assert set(BUILTIN_RULES) == {"majority_judgment_greedy", "approval_greedy", "equal_shares"}
    for name, rule in BUILTIN_RULES.items():
        assert isinstance(rule, AllocationRule)
        assert rule.name == name
    assert BUILTIN_RULES["majority_judgment_greedy"].ballot.grades == PARIS_GRADES
    assert BUILTIN_RULES["equal_shares"].needs_ballots
    assert BUILTIN_RULES["approval_greedy"].ballot.kind == "approval"


def test_a_city_swaps_the_rule_by_configuration():
    """Same votes, three rules chosen by name: the results differ as the rules say."""
    envelope = Envelope(100)
    results = {}
    for name, rule in BUILTIN_RULES.items():
        results[name] = rule.allocate(PROJECTS, votes(), envelope).selected
    # MJ: project 2 (2,2,2,0 -> majority grade 2) beats 0 and 1 (lower median 1); 0 beats 1.
    assert results["majority_judgment_greedy"] == (2, 0)
    # Approval: project 2 has 3 approvals, 0 and 1 have 2 each (tie -> input order).
    assert results["approval_greedy"] == (2, 0)
    # Equal Shares: 25 each. Project 2 first (cap 40/3, rho 1/3); project 0 is out of reach of
    # voters 1-2 (50 < 60) but voters 3-4 still hold 36.67 for project 1 (30).
    assert results["equal_shares"] == (2, 1)


def test_registry_accepts_a_city_rule():
    registry = dict(BUILTIN_RULES)
    registry["equal_shares_no_completion"] = equal_shares_rule(increment=None, completion=None)
    rule = registry["equal_shares_no_completion"]
    assert rule.options == {"increment": None, "utility": "cost", "completion": None}
    assert rule.allocate(PROJECTS, votes(), Envelope(100)).selected == (2, 1)


def test_custom_grades_and_qpop_minimum():
    rule = majority_judgment_greedy_rule(grades=("no", "maybe", "ok", "yes"))
    assert rule.ballot.grades == ("no", "maybe", "ok", "yes")
    # 70 cents: plain fill is 2 then 1 (0 does not fit): Qpop 40 >= 30, kept.
    result = rule.allocate(PROJECTS, votes(), Envelope(70, qpop_minimum=30))
    assert result.selected == (2, 1)
    assert result.qpop_minimum_met
    with pytest.raises(ValueError, match="two grades"):
        majority_judgment_greedy_rule(grades=("only",))


def test_equal_shares_refuses_qpop_settings_and_needs_ballots():
    rule = BUILTIN_RULES["equal_shares"]
    with pytest.raises(ValueError, match="Qpop"):
        rule.allocate(PROJECTS, votes(), Envelope(100, qpop_minimum=10))
    with pytest.raises(ValueError, match="ballots"):
        rule.allocate(PROJECTS, Votes(tallies=votes().tallies), Envelope(100))


def test_tallies_must_match_projects():
    rule = BUILTIN_RULES["majority_judgment_greedy"]
    with pytest.raises(ValueError, match="2 tallies for 3 projects"):
        rule.allocate(PROJECTS, Votes(tallies=[[1, 0], [0, 1]]), Envelope(9))


def test_approval_helpers():
    matrix = approval_matrix([[0, 2, 2], [1]], 3)
    assert matrix.tolist() == [[True, False, True], [False, True, False]]
    assert approval_rules.approval_tallies(matrix) == [[1, 1], [1, 1], [1, 1]]
    assert approval_rules.rank([[3, 2], [1, 4], [3, 2]]) == [2, 1, 2]
    assert approval_rules.order_by_approvals([2, 4, 2]) == [1, 0, 2]
    assert approval_rules.order_by_approvals([2, 4, 2], tie_order=[9, 0, 1]) == [1, 2, 0]
    with pytest.raises(ValueError, match="outside"):
        approval_matrix([[3]], 3)
    with pytest.raises(ValueError, match="matrix"):
        approval_matrix(np.zeros((2, 2), dtype=bool), 3)
