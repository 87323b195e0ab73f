"""Read and write the Pabulib `.pb` open-data format (pabulib.org/format), without dependencies.

A `.pb` file is UTF-8 text in three sections, each a title line (`META`, `PROJECTS`, `VOTES`), a
header line of column names, then rows; values are separated by `;` and quoted like CSV when
needed. META is `key;value` rows (`budget`, `vote_type`, `num_projects`, `num_votes`, ...);
PROJECTS has at least `project_id;cost`; VOTES has at least `voter_id;vote`, where `vote` is a
comma-separated list of project ids, and for `scoring`/`cumulative` ballots a `points` column
lists the matching points.

Parvis keeps money in integer cents; `.pb` files hold amounts in currency units, so cents are
written as `1234.56` (or `1234` when whole) and read back exactly.

Majority-judgment ballots are exported as `vote_type` `scoring`: each voter's graded projects
with their grade index as points (0 = worst grade), `min_points`/`max_points` giving the scale.
A project a voter left out has no entry, which Pabulib reads as 0 points: the worst grade,
exactly Paris's rule for blank grades.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy as np
import numpy.typing as npt

from parvis.api import _

__all__ = [
    "PabulibError",
    "PbFile",
    "PbProject",
    "PbVote",
    "approval_file",
    "cents_to_units",
    "dumps",
    "grades_file",
    "loads",
    "units_to_cents",
]

SECTIONS = ("meta", "projects", "votes")
# Keys written first, in this order, when present (the rest follow in insertion order).
META_ORDER = (
    "description",
    "country",
    "unit",
    "subunit",
    "instance",
    "num_projects",
    "num_votes",
    "budget",
    "vote_type",
    "rule",
    "date_begin",
    "date_end",
    "min_length",
    "max_length",
    "min_points",
    "max_points",
)


class PabulibError(ValueError):
    """A `.pb` text that cannot be read; the message says where."""


@dataclass(slots=True)
class PbProject:
    project_id: str
    cost: int  # cents
    extra: dict[str, str] = field(default_factory=dict)  # name, category, target, votes, selected...


@dataclass(slots=True)
class PbVote:
    voter_id: str
    vote: list[str]
    points: list[int] | None = None
    extra: dict[str, str] = field(default_factory=dict)  # age, sex, voting_method...


@dataclass(slots=True)
class PbFile:
    meta: dict[str, str]
    projects: list[PbProject]
    votes: list[PbVote]

    @property
    def budget(self) -> int:
        """The envelope in cents."""
        return units_to_cents(self.meta.get("budget", "0"))

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")

    def approvals(self) -> npt.NDArray[np.bool_]:
        """Approval ballots as a voters x projects matrix, projects in file order."""
        index = {p.project_id: j for j, p in enumerate(self.projects)}
        matrix = np.zeros((len(self.votes), len(self.projects)), dtype=np.bool_)
        for i, vote in enumerate(self.votes):
            for pid in vote.vote:
                matrix[i, _project_index(index, pid, vote.voter_id)] = True
        return matrix

    def tallies(self, n_grades: int | None = None) -> list[list[int]]:
        """Per-project counts per points value (grade), worst first; unlisted projects count as 0.

        For approval files the tally is `[not approved, approved]`.
        """
        if self.vote_type in ("approval", "choose-1"):
            counts = self.approvals().sum(axis=0)
            return [[len(self.votes) - int(c), int(c)] for c in counts]
        top = int(self.meta.get("max_points", "0")) if n_grades is None else n_grades - 1
        index = {p.project_id: j for j, p in enumerate(self.projects)}
        tallies = [[0] * (top + 1) for _ in self.projects]
        for vote in self.votes:
            graded = [0] * len(self.projects)
            for pid, points in zip(vote.vote, vote.points or [], strict=True):
                if not 0 <= points <= top:
                    raise PabulibError(
                        _("Voter {voter} gives {points} points, outside 0..{top}.").format(
                            voter=vote.voter_id, points=points, top=top
                        )
                    )
                graded[_project_index(index, pid, vote.voter_id)] = points
            for j, points in enumerate(graded):
                tallies[j][points] += 1
        return tallies


def _project_index(index: dict[str, int], pid: str, voter: str) -> int:
    try:
        return index[pid]
    except KeyError:
        raise PabulibError(
            _("Voter {voter} votes for unknown project {project}.").format(voter=voter, project=pid)
        ) from None


def cents_to_units(cents: int) -> str:
    """1234567 -> "12345.67"; 120000 -> "1200" (whole amounts without decimals)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}" if rest == 0 else f"{sign}{whole}.{rest:02d}"


def units_to_cents(text: str) -> int:
    """Exact inverse of `cents_to_units`; accepts a decimal comma. More than 2 decimals is an error."""
    try:
        value = Decimal(text.strip().replace(",", ".")) * 100
    except InvalidOperation:
        raise PabulibError(_("{text!r} is not an amount.").format(text=text)) from None
    if value != value.to_integral_value():
        raise PabulibError(_("{text!r} has fractions of a cent.").format(text=text))
    return int(value)


# --- writing ------------------------------------------------------------------------------------


def dumps(pb: PbFile) -> str:
    """The `.pb` text of `pb`. `num_projects` and `num_votes` are set from the content."""
    meta = dict(pb.meta)
    meta["num_projects"] = str(len(pb.projects))
    meta["num_votes"] = str(len(pb.votes))
    keys = [k for k in META_ORDER if k in meta] + [k for k in meta if k not in META_ORDER]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    out.write("META\n")
    writer.writerow(["key", "value"])
    writer.writerows([k, meta[k]] for k in keys)

    out.write("PROJECTS\n")
    project_columns = _columns(p.extra for p in pb.projects)
    writer.writerow(["project_id", "cost", *project_columns])
    for p in pb.projects:
        writer.writerow(
            [p.project_id, cents_to_units(p.cost), *(p.extra.get(c, "") for c in project_columns)]
        )

    out.write("VOTES\n")
    with_points = any(v.points is not None for v in pb.votes)
    vote_columns = _columns(v.extra for v in pb.votes)
    writer.writerow(["voter_id", *vote_columns, "vote", *(["points"] if with_points else [])])
    for v in pb.votes:
        # An empty scoring ballot is written "None" (Pabulib's missing value), which readers skip.
        empty = "None" if with_points and not v.vote else ""
        row = [v.voter_id, *(v.extra.get(c, "") for c in vote_columns), ",".join(v.vote) or empty]
        if with_points:
            row.append(",".join(str(x) for x in v.points or []) or empty)
        writer.writerow(row)
    return out.getvalue()


def _columns(extras: Iterable[dict[str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for extra in extras:
        seen.update(dict.fromkeys(extra))
    return list(seen)


def approval_file(
    meta: dict[str, str],
    *,
    project_ids: Sequence[str],
    costs: Sequence[int],
    approvals: npt.NDArray[np.bool_],
    budget: int,
    names: Sequence[str] | None = None,
) -> PbFile:
    """A `.pb` file for approval ballots (`approvals[voter, project]`), costs and budget in cents."""
    projects = [
        PbProject(pid, int(cost), {"name": names[j]} if names else {})
        for j, (pid, cost) in enumerate(zip(project_ids, costs, strict=True))
    ]
    ids = np.array(project_ids, dtype=object)
    votes = [PbVote(str(i + 1), list(ids[np.flatnonzero(row)])) for i, row in enumerate(approvals)]
    return PbFile({**meta, "budget": cents_to_units(budget), "vote_type": "approval"}, projects, votes)


def grades_file(
    meta: dict[str, str],
    *,
    project_ids: Sequence[str],
    costs: Sequence[int],
    ballots: Sequence[Sequence[int | None]],
    budget: int,
    n_grades: int,
    names: Sequence[str] | None = None,
) -> PbFile:
    """A `.pb` file (`scoring`) for grade ballots: `ballots[voter][project]` is a grade or None."""
    projects = [
        PbProject(pid, int(cost), {"name": names[j]} if names else {})
        for j, (pid, cost) in enumerate(zip(project_ids, costs, strict=True))
    ]
    votes = []
    for i, ballot in enumerate(ballots):
        graded = [(project_ids[j], g) for j, g in enumerate(ballot) if g]  # None or 0: worst grade
        votes.append(PbVote(str(i + 1), [pid for pid, _g in graded], [int(g) for _pid, g in graded]))
    scale = {"vote_type": "scoring", "min_points": "0", "max_points": str(n_grades - 1)}
    return PbFile({**meta, "budget": cents_to_units(budget), **scale}, projects, votes)


# --- reading ------------------------------------------------------------------------------------


def loads(text: str) -> PbFile:
    """Parse `.pb` text (a leading byte-order mark and blank lines are ignored; "None" is empty)."""
    meta: dict[str, str] = {}
    projects: list[PbProject] = []
    votes: list[PbVote] = []
    section = ""
    header: list[str] = []
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    for row in rows:
        cells = ["" if c.strip().lower() == "none" else c.strip() for c in row]
        if not any(cells):
            continue
        line = rows.line_num
        if len(cells) == 1 and cells[0].lower() in SECTIONS:
            section = cells[0].lower()
            header = [c.strip() for c in next(rows, [])]
            continue
        if not section:
            raise PabulibError(_("Line {line}: data before the META section.").format(line=line))
        if section == "meta":
            if len(cells) < 2:
                raise PabulibError(_("Line {line}: a META row needs a key and a value.").format(line=line))
            meta[cells[0]] = cells[1]
            continue
        record = dict(zip(header, cells, strict=False))
        if section == "projects":
            projects.append(_read_project(record, line))
        else:
            votes.append(_read_vote(record, line))
    for key in ("budget", "vote_type"):
        if key not in meta:
            raise PabulibError(_("The META section has no {key!r}.").format(key=key))
    return PbFile(meta, projects, votes)


def _read_project(record: dict[str, str], line: int) -> PbProject:
    if not record.get("project_id") or "cost" not in record:
        raise PabulibError(_("Line {line}: a project needs project_id and cost.").format(line=line))
    extra = {k: v for k, v in record.items() if k not in ("project_id", "cost")}
    return PbProject(record["project_id"], units_to_cents(record["cost"]), extra)


def _read_vote(record: dict[str, str], line: int) -> PbVote:
    if "voter_id" not in record or "vote" not in record:
        raise PabulibError(_("Line {line}: a vote needs voter_id and vote.").format(line=line))
    vote = [pid.strip() for pid in record["vote"].split(",") if pid.strip()]
    points = None
    if record.get("points", "").strip():
        try:
            points = [int(Decimal(x.strip())) for x in record["points"].split(",")]
        except (InvalidOperation, ValueError):
            raise PabulibError(_("Line {line}: points must be whole numbers.").format(line=line)) from None
        if len(points) != len(vote):
            raise PabulibError(_("Line {line}: as many points as projects are needed.").format(line=line))
    extra = {k: v for k, v in record.items() if k not in ("voter_id", "vote", "points")}
    return PbVote(record["voter_id"], vote, points, extra)
