"""Counting the online ballots: from the packed grades stored in the database to tallies.

Each ballot row holds its grades packed one byte per project (see ``models.voting``), so a
million ballots of 30 projects are a million rows of 30 bytes, not 30 million rows. The database
concatenates one ballot's grades itself (``string_agg`` on PostgreSQL, fetched in binary;
``group_concat`` on SQLite, whose table is stored in (campaign, level, id) order so the read is
sequential) and hands over one byte string; numpy counts it per project column with
``np.bincount``. Very large ballots are fetched in slices of the random id (each well under the
engines' 1 GB value limit). Integers throughout, so the tallies are exact.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import text
from sqlalchemy.orm import Session

from parvis.api import _
from parvis.plugins.budget.errors import BudgetRefused

#: Above this many bytes of grades, a ballot is fetched in 16 slices of its (hexadecimal) ids.
SLICE_ABOVE = 256 * 1024 * 1024
_HEX = "0123456789abcdef"
_SLICES = [(_HEX[i], _HEX[i + 1] if i < 15 else "g") for i in range(16)]

_PG_ALL = "SELECT string_agg(grades, ''::bytea) FROM budget_ballot WHERE campaign_id = %s AND level = %s"
_PG_SLICE = _PG_ALL + " AND id >= %s AND id < %s"
_PG_ESTIMATE = "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'budget_ballot'"
_SQLITE_ALL = (
    "SELECT CAST(group_concat(grades, '') AS BLOB) FROM budget_ballot WHERE campaign_id = ? AND level = ?"
)
_SQLITE_SLICE = _SQLITE_ALL + " AND id >= ? AND id < ?"
_SQLITE_COUNT = "SELECT count(*) FROM budget_ballot WHERE campaign_id = ? AND level = ?"


def packed_grades(db: Session, campaign_id: int, level: str, n_projects: int = 1) -> bytes:
    """Every stored ballot's grades of one level, concatenated (order: arbitrary)."""
    connection = db.connection()
    raw = connection.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    postgres = connection.dialect.name == "postgresql"
    try:
        if postgres:
            cursor.execute(_PG_ESTIMATE)
            rows = (cursor.fetchone() or (0,))[0]
        else:
            cursor.execute(_SQLITE_COUNT, (campaign_id, level))
            rows = (cursor.fetchone() or (0,))[0]
        if rows * max(n_projects, 1) <= SLICE_ABOVE:
            queries: list[tuple[str, tuple[Any, ...]]] = [
                (_PG_ALL if postgres else _SQLITE_ALL, (campaign_id, level))
            ]
        else:
            query = _PG_SLICE if postgres else _SQLITE_SLICE
            queries = [(query, (campaign_id, level, low, high)) for low, high in _SLICES]
        parts = []
        for query, params in queries:
            if postgres:
                cursor.execute(query, params, binary=True)  # type: ignore[call-arg]  # psycopg's cursor
            else:
                cursor.execute(query, params)
            value = (cursor.fetchone() or (None,))[0]
            if value:
                parts.append(bytes(value))
        return b"".join(parts)
    finally:
        cursor.close()


def ballot_matrix(db: Session, campaign_id: int, level: str, n_projects: int) -> npt.NDArray[np.uint8]:
    """The stored ballots of one level as a (ballots x projects) array of grades."""
    data = packed_grades(db, campaign_id, level, n_projects)
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
