"""Readiness: can this node serve requests? For load balancers (``GET /readyz``) and operators.

Each check is a ``ReadinessCheck(name, check)`` whose ``check(site)`` returns None when all is
well, else a sentence saying what is wrong. Core checks that the database answers and that its
schema is at the migrations of core and of every enabled plugin; plugins add theirs with the
``readiness_checks`` hook (the job queue: "queue reachable").
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from parvis.i18n import _

if TYPE_CHECKING:
    from parvis.site import Site


@dataclass(frozen=True)
class ReadinessCheck:
    name: str
    check: Callable[[Site], str | None]


def database_reachable(site: Site) -> str | None:
    try:
        with site.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        return _("the database cannot be reached: {error}").format(error=_first_line(error))
    return None


_expected: weakref.WeakKeyDictionary[Site, frozenset[str]] = weakref.WeakKeyDictionary()


def expected_heads(site: Site) -> frozenset[str]:
    """The heads of core's and the enabled plugins' migrations (read once per site)."""
    if site not in _expected:
        from parvis.migrate import current_heads

        _expected[site] = frozenset(current_heads(site))
    return _expected[site]


def applied_heads(site: Site) -> frozenset[str] | None:
    """The revisions recorded in the database (``alembic_version``), None without that table."""
    from sqlalchemy import inspect

    with site.engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return frozenset(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())


def migrations_current(site: Site) -> str | None:
    try:
        applied = applied_heads(site)
    except SQLAlchemyError as error:
        return _("the database cannot be reached: {error}").format(error=_first_line(error))
    if applied is None:
        return _("the database has no schema: run 'parvis db upgrade'")
    expected = expected_heads(site)
    if applied != expected:
        missing = ", ".join(sorted(expected - applied)) or "-"
        unknown = ", ".join(sorted(applied - expected)) or "-"
        return _(
            "the database schema is not at this version's migrations (expected {missing}; "
            "found {unknown}): run 'parvis db upgrade'"
        ).format(missing=missing, unknown=unknown)
    return None


def core_checks() -> list[ReadinessCheck]:
    return [ReadinessCheck("database", database_reachable), ReadinessCheck("migrations", migrations_current)]


def not_ready(site: Site) -> list[dict[str, str]]:
    """Every failed check as ``{"check": name, "detail": why}``; empty when the node is ready."""
    problems = []
    for checks in site.hook.readiness_checks(site=site):
        for item in checks or ():
            try:
                detail = item.check(site)
            except Exception as error:  # a check that crashes says the node is not ready
                detail = _first_line(error)
            if detail:
                problems.append({"check": item.name, "detail": detail})
    return problems


def _first_line(error: BaseException) -> str:
    text_ = str(getattr(error, "orig", None) or error).strip()
    return text_.splitlines()[0] if text_ else type(error).__name__
