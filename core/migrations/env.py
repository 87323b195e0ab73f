"""Alembic environment: core's revisions and every enabled plugin's branch, one metadata."""

from __future__ import annotations

from alembic import context

from parvis.db import Base, UTCDateTime, is_unmanaged

config = context.config
connection = config.attributes["connection"]
owned_prefixes: tuple[str, ...] | None = config.attributes.get("owned_prefixes")


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001, ANN201
    """When generating a plugin's revision, look only at the tables that plugin owns; never at
    objects declared unmanaged (created by hand in a migration, absent from the models)."""
    if is_unmanaged(name) or is_unmanaged(getattr(getattr(obj, "table", None), "name", None)):
        return False
    if owned_prefixes is None or type_ != "table":
        table = getattr(obj, "table", None)
        if owned_prefixes is not None and table is not None:
            return table.name.startswith(owned_prefixes)
        return True
    return name.startswith(owned_prefixes)


def render_item(type_, obj, autogen_context):  # noqa: ANN001, ANN201
    """A plugin's revisions name core's column types through ``parvis.api``, the one part of core
    a plugin may import (core's own revisions keep ``parvis.db``)."""
    if type_ == "type" and isinstance(obj, UTCDateTime) and owned_prefixes not in (None, ("core_",)):
        autogen_context.imports.add("import parvis.api")
        return f"parvis.api.UTCDateTime(timezone={obj.impl.timezone!r})"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_object=include_object,
    render_item=render_item,
    template_args={"core_revision": owned_prefixes in (None, ("core_",))},
    render_as_batch=True,  # SQLite needs batch mode to alter tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
