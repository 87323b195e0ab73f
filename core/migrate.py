"""Schema migrations with Alembic: core's revisions plus one branch per plugin.

Each plugin returns its versions folder from ``register_migrations``; its revisions carry a
branch label named after it and its first revision depends on core's, so ``upgrade heads``
applies everything in a valid order. ``new_revision`` writes a plugin's next revision by
comparing its models with a scratch database upgraded to the current heads.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import Revision
from sqlalchemy.engine import Connection

from parvis.db import make_engine
from parvis.site import Site

HERE = Path(__file__).parent / "migrations"


def alembic_config(site: Site, connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(HERE))
    locations = [str(p) for p in site.hook.register_migrations() if p]
    config.set_main_option("version_locations", " ".join(locations))
    config.set_main_option("path_separator", "space")
    config.attributes["connection"] = connection
    return config


def upgrade(site: Site, engine=None) -> None:
    with (engine or site.engine).begin() as connection:
        upgrade_connection(site, connection)


def upgrade_connection(site: Site, connection: Connection) -> None:
    """Apply every migration inside the connection's current transaction (Alembic joins it)."""
    command.upgrade(alembic_config(site, connection), "heads")


def current_heads(site: Site) -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config(site)).get_heads())


def unapplied(site: Site, connection: Connection) -> list[str]:
    """The revisions of core and the enabled plugins that the database has not applied yet.

    A revision counts as applied when the version table names it or a revision that comes after
    it (Alembic records only the tips: a plugin revision that depends on core's latest stands
    for it).
    """
    script = ScriptDirectory.from_config(alembic_config(site))
    revisions = script.revision_map

    def with_ancestors(ids: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = [r for r in revisions.get_revisions(tuple(ids)) if isinstance(r, Revision)]
        while todo:
            revision = todo.pop()
            if revision.revision in seen:
                continue
            seen.add(revision.revision)
            parents = (*_as_tuple(revision.down_revision), *_as_tuple(revision.dependencies))
            todo += [r for r in revisions.get_revisions(parents) if isinstance(r, Revision)]
        return seen

    applied = with_ancestors(MigrationContext.configure(connection).get_current_heads())
    return sorted(with_ancestors(script.get_heads()) - applied)


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def new_revision(site: Site, branch: str, message: str, versions: Path) -> str | None:
    """Autogenerate the next revision of ``branch`` (a plugin name, or "core") into ``versions``."""
    script = ScriptDirectory.from_config(alembic_config(site))
    labelled = [r for r in script.walk_revisions() if branch in (r.branch_labels or ())]
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.sqlite3")
        upgrade(site, engine)
        with engine.begin() as connection:
            config = alembic_config(site, connection)
            config.attributes["owned_prefixes"] = (f"{branch}_",)
            kwargs: dict[str, object] = {
                "message": message,
                "autogenerate": True,
                "version_path": str(versions),
            }
            if labelled:
                kwargs["head"] = f"{branch}@head"
            else:
                kwargs["head"] = "base"
                kwargs["branch_label"] = branch
                if branch != "core":
                    kwargs["depends_on"] = "core@head"
            revision = command.revision(config, **kwargs)  # type: ignore[arg-type]
        engine.dispose()
    return getattr(revision, "revision", None)
