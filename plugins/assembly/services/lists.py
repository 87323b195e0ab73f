"""Reading the lists officials import (electoral roll, Citizen Card holders): columns, dates, checks.

Imports are all-or-nothing: every bad row is reported with its line number and nothing is kept.
The engine checks the file's shape (field counts, ids, duplicates); this module checks what the
Assembly needs on top (a readable birth date, a district found from the district or postcode).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.api import _
from parvis.api.sortition import InputError, ProblemCollector
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.services.places import district_of

if TYPE_CHECKING:
    from parvis.api import Site


def parse_date(text: str) -> date | None:
    """ISO dates (1990-05-17) and French ones (17/05/1990)."""
    text = (text or "").strip()
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        return None


def refused(error: InputError) -> AssemblyError:
    """An engine's all-or-nothing refusal as the plugin's error, with the row-by-row report."""
    details = [str(p) for p in error.problems]
    if error.truncated:
        details.append(_("... and {count} more.").format(count=error.truncated))
    return AssemblyError(
        _("The file has {count} problem(s); nothing was imported.").format(
            count=len(error.problems) + error.truncated
        ),
        "file",
        details,
    )


@dataclass(frozen=True, slots=True)
class ListRow:
    source_id: str
    given_name: str
    family_name: str
    birth_date: date | None
    address: str
    postcode: str
    city: str
    email: str | None
    district: str | None


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: value}) for every non-blank data row."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip() for h in next(reader, [])]
        last = 1
        for row in reader:
            line, last = last + 1, reader.line_num
            if row:
                yield line, dict(zip(header, row, strict=False))


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [h.strip() for h in next(csv.reader(handle), [])]


def to_row(site: Site, record: Mapping[str, str], columns: Mapping[str, str]) -> ListRow:
    """One row with the plugin's field names (``columns`` maps field -> the file's column)."""

    def get(field: str) -> str:
        column = columns.get(field) or ""
        return (record.get(column) or "").strip() if column else ""

    email = get("email")
    return ListRow(
        source_id=get("id"),
        given_name=get("given_name"),
        family_name=get("family_name"),
        birth_date=parse_date(get("birth_date")),
        address=get("address"),
        postcode=get("postcode"),
        city=get("city"),
        email=email.lower() if email else None,
        district=district_of(site, get("district"), get("postcode")),
    )


def check_rows(
    site: Site,
    path: Path,
    columns: Mapping[str, str],
    *,
    age_between: tuple[date, date] | None = None,
    need_email: bool = False,
) -> int:
    """Our own checks on every row (after the engine's); raises AssemblyError listing bad lines.

    ``age_between`` = (born on or after, born on or before) for lists restricted by age.
    """
    problems = ProblemCollector()
    count = 0
    for line, record in read_rows(path):
        count += 1
        row = to_row(site, record, columns)
        if row.birth_date is None:
            problems.add(line, _("the date of birth is missing or not a date (1990-05-17 or 17/05/1990)"))
        elif age_between and not age_between[0] <= row.birth_date <= age_between[1]:
            problems.add(line, _("the date of birth is outside the age range of this college"))
        if row.district is None:
            problems.add(
                line, _("no {site.district} of the city matches the {site.district} or postcode given")
            )
        if need_email and not (row.email and "@" in row.email):
            problems.add(line, _("the e-mail address is missing or not valid"))
    if problems:
        try:
            problems.raise_if_any(path.name)
        except InputError as error:
            raise refused(error) from None
    return count


def required_columns(columns: Mapping[str, str], fields: Sequence[str]) -> list[str]:
    return [columns[f] for f in fields if columns.get(f)]
