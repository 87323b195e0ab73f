"""The photo store's hook implementations (registered by core as ``parvis.photos``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from parvis.photos import (
    models,  # noqa: F401 - its table is core's schema
    personal_data,
)
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.photos.web import ROUTES

    return list(ROUTES)


@hookimpl
def register_personal_data(site: Site) -> list[Any]:
    return personal_data.declarations()


@hookimpl
def export_personal_data(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    return personal_data.export(db, account)


@hookimpl
def personal_data_kept(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    return []


@hookimpl
def erase_personal_data(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    personal_data.erase(db, account)
    return []


@hookimpl
def purge_personal_data(db: Session, site: Site, now: datetime) -> dict[str, int]:
    return {personal_data.CODE: personal_data.purge(db, site, now)}
