"""Schema migrations with Alembic: core's revisions plus one branch per plugin.

Each plugin returns its versions folder from ``register_migrations``; its revisions carry a
branch label named after it and its first revision depends on core's, so ``upgrade heads``
applies everything in a valid order. ``new_revision`` writes a plugin's next revision by
comparing its models with a scratch database upgraded to the current heads.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
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
        command.upgrade(alembic_config(site, connection), "heads")


def current_heads(site: Site) -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config(site)).get_heads())


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
