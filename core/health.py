"""Readiness: can this node serve requests? For load balancers (``GET /readyz``) and operators.

Each check is a ``ReadinessCheck(name, check)`` whose ``check(site)`` returns None when all is
well, else a sentence saying what is wrong. Core checks that the database answers and that its
schema is at the migrations of core and of every enabled plugin; plugins add theirs with the
``readiness_checks`` hook. Core also checks that the job queue is reachable.
"""

from __future__ import annotations

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


def migrations_current(site: Site) -> str | None:
    from sqlalchemy import inspect

    from parvis.migrate import unapplied

    try:
        with site.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return _("the database has no schema: run 'parvis db upgrade'")
            missing = unapplied(site, connection)
    except SQLAlchemyError as error:
        return _("the database cannot be reached: {error}").format(error=_first_line(error))
    if missing:
        return _("the database schema lacks migrations {missing}: run 'parvis db upgrade'").format(
            missing=", ".join(missing)
        )
    return None


def queue_reachable(site: Site) -> str | None:
    try:
        site.jobs.pending()
    except Exception as error:  # any storage error means jobs cannot be queued
        return _("the job queue cannot be reached: {error}").format(error=_first_line(error))
    return None


def core_checks() -> list[ReadinessCheck]:
    return [
        ReadinessCheck("database", database_reachable),
        ReadinessCheck("migrations", migrations_current),
        ReadinessCheck("queue", queue_reachable),
    ]


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
