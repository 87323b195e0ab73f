"""The photo store's personal data: who uploaded which photo (photos may also show people).

What happens to a photo on erasure is its owner's rule (a plugin removes the photos of the
content it deletes or strips, with ``remove_photos``); core then forgets the uploader of every
photo that stays. The daily purge removes photos whose object no longer exists (a plugin
deleted it without removing its photos, or a campaign went with its ideas).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis import content
from parvis.i18n import N_, _, lazy_gettext
from parvis.photos.models import Photo
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import (
    ExportColumn,
    ExportSection,
    Kept,
    LegalBasis,
    PersonalData,
    Retention,
    export_table,
)

if TYPE_CHECKING:
    from parvis.site import Site

CODE = "core.photos"


@hookimpl(specname="register_personal_data")
def declarations() -> list[PersonalData]:
    return [
        PersonalData(
            code=CODE,
            service=lazy_gettext("Photos"),
            title=lazy_gettext("Photos you uploaded"),
            categories=(
                lazy_gettext("the photos you attached to your contributions, their description and date"),
            ),
            purpose=lazy_gettext("To show your contribution with its photo, as you asked."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the deletion of the content they illustrate")),
            recipients=(lazy_gettext("The public once the content is published; moderators before"),),
            tables=("core_photo",),
            order=62,
        )
    ]


@hookimpl(specname="export_personal_data")
def export(db: Session, account: Any) -> list[ExportSection | None]:
    if account is None:
        return []
    uploaded = db.scalars(
        select(Photo).where(Photo.uploaded_by_id == account.id).order_by(Photo.uploaded_at, Photo.id)
    )
    return [
        export_table(
            CODE,
            _("Photos you uploaded"),
            [
                ExportColumn("content", _("Content"), lambda p: str(p.owner)),
                ExportColumn("description", _("Description"), lambda p: p.alt),
                ExportColumn("at", _("When"), lambda p: p.uploaded_at),
                ExportColumn("path", _("Address")),
            ],
            uploaded,
        )
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Any) -> list[Kept]:
    """The photos that stay (their owner's rule) no longer say who uploaded them."""
    if account is None:
        return []
    anonymise(db, Photo.uploaded_by_id, account.id)
    return []  # nothing kept


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    """Photos whose object is gone; a kind whose plugin is disabled is left alone (unknown)."""
    kinds = content.kinds(site)
    orphans: list[int] = []
    owners = db.execute(select(Photo.owner_kind, Photo.owner_key).distinct()).all()
    for kind, key in owners:
        declared = kinds.get(kind)
        if declared is not None and declared.load(db, site, key) is None:
            orphans.extend(
                db.scalars(select(Photo.id).where(Photo.owner_kind == kind, Photo.owner_key == key))
            )
    if orphans:
        db.execute(delete(Photo).where(Photo.id.in_(orphans)).execution_options(synchronize_session=False))
    return {CODE: len(orphans)}
