"""Personal data of pages: which account made each change to a page (its history).

Officials' edits are recorded with their account so that other officials can see who changed
what. Erasing the account removes that link: the history keeps the change and the text as it was,
without the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.i18n import _, lazy_gettext
from parvis.identity import Account, Person
from parvis.pages.models import Page, PageRevision
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import (
    UNTIL_ACCOUNT_DELETED,
    ExportColumn,
    ExportSection,
    Kept,
    PersonalData,
    export_table,
    officials_work,
)

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        officials_work(
            code="pages.history",
            title=lazy_gettext("Changes to the site's pages"),
            categories=(lazy_gettext("which account changed, published or unpublished a page, and when"),),
            purpose=lazy_gettext("To let officials see who changed a page and restore an earlier text."),
            retention=UNTIL_ACCOUNT_DELETED,
            tables=("core_page_revision",),
            order=97,
        )
    ]


@hookimpl(specname="export_personal_data")
def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    if account is None:
        return []
    rows = db.execute(
        select(PageRevision.at, PageRevision.kind, PageRevision.language, Page.slug.label("page"))
        .join(Page, Page.id == PageRevision.page_id)
        .where(PageRevision.editor_id == account.id)
        .order_by(PageRevision.at, PageRevision.id)
    )
    return [
        export_table(
            "pages.history",
            _("Changes to the site's pages made with your account"),
            [
                ExportColumn("at", _("When")),
                ExportColumn("page", _("Page")),
                ExportColumn("kind", _("What"), lambda r: _(r.kind.label)),
                ExportColumn("language", _("Language"), lambda r: r.language or ""),
            ],
            rows,
        )
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    if account is not None:
        anonymise(db, PageRevision.editor_id, account.id)
    return []
