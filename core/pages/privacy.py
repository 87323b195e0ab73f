"""Personal data of pages: which account made each change to a page (its history).

Officials' edits are recorded with their account so that other officials can see who changed
what. Erasing the account removes that link: the history keeps the change and the text as it was,
without the name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from parvis.i18n import N_, _, lazy_gettext
from parvis.identity import Account, Person
from parvis.pages.models import Page, PageRevision
from parvis.pluginmanager import hookimpl
from parvis.privacy.declarations import ExportSection, Kept, LegalBasis, PersonalData, Retention, section

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        PersonalData(
            code="pages.history",
            service=lazy_gettext("Officials' work"),
            title=lazy_gettext("Changes to the site's pages"),
            categories=(lazy_gettext("which account changed, published or unpublished a page, and when"),),
            purpose=lazy_gettext("To let officials see who changed a page and restore an earlier text."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("you delete your account")),
            recipients=(lazy_gettext("The City's officials and administrators who run the site"),),
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
        select(PageRevision, Page.slug)
        .join(Page, Page.id == PageRevision.page_id)
        .where(PageRevision.editor_id == account.id)
        .order_by(PageRevision.at, PageRevision.id)
    )
    return [
        section(
            "pages.history",
            _("Changes to the site's pages made with your account"),
            [("at", _("When")), ("page", _("Page")), ("kind", _("What")), ("language", _("Language"))],
            (
                {"at": r.at, "page": slug, "kind": _(r.kind.label), "language": r.language or ""}
                for r, slug in rows
            ),
        )
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    if account is not None:
        db.execute(
            update(PageRevision)
            .where(PageRevision.editor_id == account.id)
            .values(editor_id=None)
            .execution_options(synchronize_session=False)
        )
    return []
