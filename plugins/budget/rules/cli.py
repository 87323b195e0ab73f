"""`parvis budget rank FILE.json`: rank projects from published counts, so anyone can audit results.

`--rule` names how the counts are ranked: `majority_judgment` (the default) or `approval`, or
any rule a plugin of the site registers (`majority_judgment_greedy`, `approval_greedy`,
`equal_shares`, or a city's own): the table then shows that rule's own result columns.

The file holds a bare list of tallies, an object of tallies by project name
(`{"a": [...], "b": [...]}`), or an object
`{"projects": ["a", "b", ...], "tallies": [[...], ...], "grades": ["worst", ..., "best"]}`
(`projects` and `grades` optional; `tallies` may also be an object by project name).
`tallies[project][grade]` counts votes, worst grade first.
Bad input prints a one-line error and exits with status 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from parvis.api import _
from parvis.plugins.budget.rules import PARIS_GRADES, approval
from parvis.plugins.budget.rules import majority_judgment as mj
from parvis.plugins.budget.rules.majority_judgment import TallyError

__all__ = ["rank"]

USAGE_ERROR = 2


class InputError(Exception):
    """The file cannot be read as counts; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Counts:
    projects: list[str]
    tallies: list[list[int]]
    grades: list[str]


def load_counts(text: str) -> Counts:
    """Parse and check the JSON document; raise `InputError` with a translated message."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            _("The file is not valid JSON (line {line}, column {column}).").format(
                line=error.lineno, column=error.colno
            )
        ) from None
    if isinstance(data, list) or (
        isinstance(data, dict) and data and not {"tallies", "projects", "grades"} & set(data)
    ):
        data = {"tallies": data}  # a bare list, or tallies by project name
    if not isinstance(data, dict) or "tallies" not in data:
        raise InputError(_('Expected a list of tallies or an object with a "tallies" list.'))
    tallies = data["tallies"]
    if isinstance(tallies, dict):
        if "projects" in data:
            raise InputError(
                _('Name the projects either in "projects" or as the keys of "tallies", not both.')
            )
        data = {**data, "projects": list(tallies)}
        tallies = list(tallies.values())
    if not isinstance(tallies, list):
        raise InputError(_('"tallies" must be a list of lists of counts.'))
    try:
        n_grades = mj.validate_tallies(tallies)
    except TallyError as error:
        raise InputError(str(error)) from None
    projects = data.get("projects")
    if projects is None:
        projects = [str(i + 1) for i in range(len(tallies))]
    if not isinstance(projects, list) or not all(isinstance(p, str) for p in projects):
        raise InputError(_('"projects" must be a list of names.'))
    if len(projects) != len(tallies):
        raise InputError(
            _("{projects} project names for {tallies} tallies.").format(
                projects=len(projects), tallies=len(tallies)
            )
        )
    grades = data.get("grades")
    if grades is None:
        grades = (
            [_(g) for g in PARIS_GRADES]
            if n_grades == len(PARIS_GRADES)
            else [str(g) for g in range(n_grades)]
        )
    if not isinstance(grades, list) or not all(isinstance(g, str) for g in grades):
        raise InputError(_('"grades" must be a list of names, worst first.'))
    if tallies and len(grades) != n_grades:
        raise InputError(
            _("{names} grade names for tallies of {grades} grades.").format(
                names=len(grades), grades=n_grades
            )
        )
    return Counts(projects=projects, tallies=tallies, grades=grades)


#: The ways of ranking that need no site: the two ballots' rankings.
BALLOT_RANKINGS = ("majority_judgment", "approval")


def _registered_rules() -> dict[str, Any]:
    """The rules the site's plugins register, or the built-in ones when there is no site."""
    from parvis.plugins.budget.rules import BUILTIN_RULES

    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    try:
        site = obj.site if obj is not None else None
    except Exception:  # no valid configuration here: the built-in rules still work
        site = None
    if site is None or site.pm.get_plugin("budget") is None:
        return dict(BUILTIN_RULES)
    from parvis.plugins.budget.ballot_rules import available_rules

    return available_rules(site)


def _rule_rows(counts: Counts, rule: Any) -> tuple[list[dict[str, object]], list[tuple[str, str]]]:
    """Rows ranked by a registered rule, with its own result columns."""
    ranks = rule.ballot.rank(counts.tallies)
    columns = [(c.key, _(c.label) if isinstance(c.label, str) else str(c.label)) for c in rule.columns]
    rows = []
    for name, r, t in zip(counts.projects, ranks, counts.tallies, strict=True):
        row: dict[str, object] = {"project": name, "rank": r}
        row.update({c.key: c.value(t) for c in rule.columns})
        rows.append(row)
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["rank"], i))
    return [rows[i] for i in order], columns


def _rows(counts: Counts, rule: str, voters: int | None, missing_as_worst: bool) -> list[dict[str, object]]:
    tallies: Sequence[Sequence[int]] = counts.tallies
    if rule == "approval":
        ranks = approval.rank(tallies)
        rows = [
            {"project": name, "rank": r, "approvals": t[-1]}
            for name, r, t in zip(counts.projects, ranks, tallies, strict=True)
        ]
    else:
        if missing_as_worst or voters is not None:
            tallies = mj.normalise_missing_as_worst(tallies, voters)
        ranks = mj.rank(tallies)
        rows = []
        for name, r, t in zip(counts.projects, ranks, tallies, strict=True):
            gauge = mj.majority_gauge(t)
            rows.append(
                {
                    "project": name,
                    "rank": r,
                    "majority_grade": None if gauge is None else counts.grades[gauge[0]],
                    "gauge": None if gauge is None else list(gauge),
                    "votes": sum(t),
                }
            )
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["rank"], i))
    return [rows[i] for i in order]


def _gauge_text(gauge: object) -> str:
    """ "+p" when more votes lie above the majority grade than below, else "-q" (so "-0" too)."""
    if not isinstance(gauge, list):
        return "-"
    signed = int(gauge[1])
    return f"+{signed}" if signed > 0 else f"-{-signed}"


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _table(rows: list[dict[str, object]], rule: str, columns: list[tuple[str, str]] | None = None) -> str:
    if columns is not None:
        header = [_("Rank"), _("Project"), *(label for _key, label in columns)]
        body = [
            [str(r["rank"]), str(r["project"]), *(_cell(r[key]) for key, _label in columns)] for r in rows
        ]
    elif rule == "approval":
        header = [_("Rank"), _("Project"), _("Approvals")]
        body = [[str(r["rank"]), str(r["project"]), str(r["approvals"])] for r in rows]
    else:
        header = [_("Rank"), _("Project"), _("Majority grade"), _("Gauge"), _("Votes")]
        body = [
            [
                str(r["rank"]),
                str(r["project"]),
                str(r["majority_grade"] or "-"),
                _gauge_text(r["gauge"]),
                str(r["votes"]),
            ]
            for r in rows
        ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in [header, *body]
    )


@click.command("rank")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=str))
@click.option(
    "--rule",
    default="majority_judgment",
    show_default=True,
    help=_(
        "How the counts are ranked: majority_judgment, approval, or the name of any rule the "
        "site's plugins register."
    ),
)
@click.option(
    "--missing-as-worst",
    is_flag=True,
    help=_("Count voters who left a project blank as giving it the worst grade."),
)
@click.option(
    "--voters",
    type=click.IntRange(min=0),
    default=None,
    help=_("Number of ballots cast, for --missing-as-worst (default: the largest tally)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON instead of a table."))
def rank(file: str, rule: str, missing_as_worst: bool, voters: int | None, as_json: bool) -> None:
    """Rank projects from published counts FILE.json (tallies per grade, worst grade first)."""
    columns: list[tuple[str, str]] | None = None
    found = None
    asked = rule
    if rule not in BALLOT_RANKINGS:
        rules = _registered_rules()
        found = rules.get(rule)
        if found is None:
            click.echo(
                _("Error: no rule is called '{name}' (known rules: {known}).").format(
                    name=rule, known=", ".join([*BALLOT_RANKINGS, *sorted(rules)])
                ),
                err=True,
            )
            sys.exit(USAGE_ERROR)
        if found.presentation == "merit_profile":  # majority judgment's own table
            rule, found = "majority_judgment", None
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        counts = load_counts(text)
        if found is not None:
            rows, columns = _rule_rows(counts, found)
        else:
            rows = _rows(counts, rule, voters, missing_as_worst)
    except (OSError, UnicodeDecodeError) as error:
        click.echo(_("Error: cannot read {file}: {reason}").format(file=file, reason=error), err=True)
        sys.exit(USAGE_ERROR)
    except (InputError, TallyError, ValueError) as error:
        click.echo(_("Error: {message}").format(message=error), err=True)
        sys.exit(USAGE_ERROR)
    if as_json:
        click.echo(
            json.dumps(
                {"rule": asked, "grades": counts.grades, "results": rows}, ensure_ascii=False, indent=2
            )
        )
    else:
        click.echo(_table(rows, rule, columns))
