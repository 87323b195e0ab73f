"""A city's counting rules written outside the budget plugin, registered by tests with
``make_site(extra=[("scorecity", rule_plugin)])``: a 0-10 score per project, ten points to
distribute (with its own ballot fragment and check), and a cap on approval ballots through the
``validate_budget_ballot`` hook."""

from __future__ import annotations

from pathlib import Path

from parvis.api import hookimpl
from parvis.plugins.budget.rules import AllocationRule, BallotRule, ResultColumn, greedy_by_ranks

MAX_APPROVALS = 2


def points_of(tally):
    return sum(value * int(n) for value, n in enumerate(tally))


def average_of(tally):
    ballots = sum(int(n) for n in tally)
    return round(points_of(tally) / ballots, 2) if ballots else None


def rank_by_points(tallies):
    points = [points_of(t) for t in tallies]
    return [1 + sum(1 for other in points if other > mine) for mine in points]


SCALE = tuple(str(v) for v in range(11))
COLUMNS = (
    ResultColumn("points", "Points", points_of),
    ResultColumn("average", "Average score", average_of),
)

SCORE = BallotRule(
    name="score",
    kind="score",
    grades=SCALE,
    rank=rank_by_points,
    instructions={"en": "Give each project a score from 0 to 10.", "fr": "Notez chaque projet de 0 à 10."},
)
SCORE_RULE = AllocationRule(
    name="score_sum",
    ballot=SCORE,
    allocate=greedy_by_ranks(SCORE),
    columns=COLUMNS,
    title={"en": "Sum of scores", "fr": "Somme des notes", "ja": "得点の合計"},
    version="2",
    options={"top": 10},
)


def check_points(values, projects):
    given = sum(v or 0 for v in values)
    if given > 10:
        return f"You gave {given} points: you have 10 to give."
    return None


POINTS = BallotRule(
    name="points",
    kind="points",
    grades=SCALE,
    rank=rank_by_points,
    form="scorecity/points_field.html",
    check=check_points,
    instructions="Share ten points between the projects you like.",
)
POINTS_RULE = AllocationRule(
    name="ten_points", ballot=POINTS, allocate=greedy_by_ranks(POINTS), columns=COLUMNS[:1]
)


@hookimpl
def register_ballot_rules(settings):
    return [SCORE_RULE, POINTS_RULE]


@hookimpl
def register_template_dirs(site):
    return [Path(__file__).parent / "rule_plugin_templates"]


@hookimpl
def validate_budget_ballot(campaign, rule, values):
    if rule.ballot.kind == "approval" and sum(1 for v in values if v) > MAX_APPROVALS:
        return f"Support at most {MAX_APPROVALS} projects."
    return None
