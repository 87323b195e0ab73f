"""Counting the online ballots: from the packed grades stored in the database to tallies.

Each ballot row holds its grades packed one byte per project (see ``models.voting``), so a
million ballots of 30 projects are a million rows of 30 bytes, not 30 million rows. The count
fetches the bytes in one pass and counts them with numpy: PostgreSQL concatenates them server
side (``string_agg``, in 16 groups so that no value nears its 1 GB limit), SQLite streams the
rows from a plain cursor. Grades are counted per project column with ``np.bincount``; integers
throughout, so the tallies are exact.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from sqlalchemy import text
from sqlalchemy.orm import Session

from parvis.i18n import _
from parvis.plugins.budget.errors import BudgetRefused

_PG_CHUNKS = (
    "SELECT string_agg(grades, ''::bytea) FROM budget_ballot "
    "WHERE campaign_id = %s AND level = %s GROUP BY substr(id, 1, 1)"
)
_SQLITE_ROWS = "SELECT grades FROM budget_ballot WHERE campaign_id = ? AND level = ?"


def packed_grades(db: Session, campaign_id: int, level: str) -> bytes:
    """Every stored ballot's grades of one level, concatenated (order: arbitrary)."""
    connection = db.connection()
    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        if connection.dialect.name == "postgresql":
            cursor.execute(_PG_CHUNKS, (campaign_id, level))
            return b"".join(bytes(row[0]) for row in cursor.fetchall())
        cursor.execute(_SQLITE_ROWS, (campaign_id, level))
        parts: list[bytes] = []
        while rows := cursor.fetchmany(200_000):
            parts.append(b"".join([row[0] for row in rows]))
        return b"".join(parts)
    finally:
        cursor.close()


def ballot_matrix(db: Session, campaign_id: int, level: str, n_projects: int) -> npt.NDArray[np.uint8]:
    """The stored ballots of one level as a (ballots x projects) array of grades."""
    data = packed_grades(db, campaign_id, level)
    if n_projects == 0:
        return np.zeros((0, 0), dtype=np.uint8)
    if len(data) % n_projects:
        raise BudgetRefused(_("Stored ballots do not match the projects on the ballot."))
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, n_projects)


def count(matrix: npt.NDArray[np.uint8], n_grades: int) -> npt.NDArray[np.int64]:
    """tallies[project, grade] of a ballot matrix (grades 0 = worst)."""
    n_projects = matrix.shape[1] if matrix.ndim == 2 else 0
    tallies = np.zeros((n_projects, n_grades), dtype=np.int64)
    if matrix.size and int(matrix.max()) >= n_grades:
        raise BudgetRefused(_("A stored ballot holds a grade outside the scale."))
    for j in range(n_projects):
        tallies[j] = np.bincount(matrix[:, j], minlength=n_grades)
    return tallies


def online_tallies(
    db: Session, campaign_id: int, level: str, n_projects: int, n_grades: int
) -> tuple[npt.NDArray[np.int64], int]:
    """Counts per project and grade of the online ballots of one level, and the number of ballots."""
    matrix = ballot_matrix(db, campaign_id, level, n_projects)
    return count(matrix, n_grades), int(matrix.shape[0])


def scramble(db: Session) -> None:
    """Rewrite PostgreSQL's ballot table in random-id order, so that the physical position of a
    ballot no longer tells when it was inserted (SQLite stores it by id already: no rowid)."""
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("CLUSTER budget_ballot USING pk_budget_ballot"))
