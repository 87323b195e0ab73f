"""Moderation's personal data: who reported what, blocked accounts, and the link between
moderated content and its author (to tell them of a decision)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.db import rows_affected
from parvis.i18n import N_, _, lazy_gettext
from parvis.moderation.models import ContentReport, ModerationBlock, ModerationState
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import DataService, ExportColumn, Kept, PersonalData, Retention, export_table

if TYPE_CHECKING:
    from parvis.site import Site

MODERATION = DataService(lazy_gettext("Moderation"))


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    days = site.settings("moderation").report_retention_days
    return [
        MODERATION.holds(
            code="core.moderation.reports",
            title=lazy_gettext("Reports of content"),
            categories=(lazy_gettext("the content you reported, when, the reason you chose and your note"),),
            purpose=lazy_gettext(
                "To let moderators review reported content, and count one report per person."
            ),
            retention=Retention(N_("the moderators' decision"), days=days),
            recipients=(lazy_gettext("Moderators (never the author of the content)"),),
            tables=("core_moderation_report",),
            order=60,
        ),
        MODERATION.holds(
            code="core.moderation.decisions",
            title=lazy_gettext("Moderation of your contributions and blocks"),
            categories=(
                lazy_gettext(
                    "which of your contributions were hidden, restored or approved, and why; whether "
                    "your account is blocked from posting, and why"
                ),
            ),
            purpose=lazy_gettext(
                "To keep the site free of abuse and tell you why a contribution of yours was hidden."
            ),
            retention=Retention(N_("the deletion of the content or of your account")),
            recipients=(lazy_gettext("Moderators"),),
            tables=("core_moderation", "core_moderation_block"),
            order=61,
        ),
    ]


@hookimpl(specname="export_personal_data")
def export(db: Session, account: Any) -> list[Any]:
    if account is None:
        return []
    content = ExportColumn("content", _("Content"), lambda r: f"{r.content_kind}:{r.content_key}")
    reports = export_table(
        "core.moderation.reports",
        _("Content you reported"),
        [
            content,
            ExportColumn("at", _("When"), lambda r: r.created_at),
            ExportColumn("reason", _("Reason"), lambda r: _(r.reason.label)),
            ExportColumn("note", _("Note")),
        ],
        db.scalars(
            select(ContentReport)
            .where(ContentReport.account_id == account.id)
            .order_by(ContentReport.created_at)
        ),
    )
    decided = export_table(
        "core.moderation.decisions",
        _("Moderation of your contributions"),
        [
            content,
            ExportColumn("status", _("Status"), lambda s: s.status.value),
            ExportColumn("reason", _("Reason")),
        ],
        db.scalars(select(ModerationState).where(ModerationState.author_account_id == account.id)),
    )
    blocked = export_table(
        "core.moderation.block",
        _("Block of your account"),
        [ExportColumn("at", _("Since"), lambda b: b.blocked_at), ExportColumn("reason", _("Reason"))],
        db.scalars(select(ModerationBlock).where(ModerationBlock.account_id == account.id)),
    )
    return [reports, decided, blocked]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Any) -> list[Kept]:
    """Reports and blocks go with the account (deleted); moderated content forgets its author."""
    if account is None:
        return []
    db.execute(delete(ContentReport).where(ContentReport.account_id == account.id))
    db.execute(delete(ModerationBlock).where(ModerationBlock.account_id == account.id))
    for column in (
        ModerationState.author_account_id,
        ModerationState.decided_by_id,
        ModerationBlock.blocked_by_id,
    ):
        anonymise(db, column, account.id)
    return []  # nothing kept


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    days = site.settings("moderation").report_retention_days
    done = db.execute(
        delete(ContentReport).where(
            ContentReport.resolved_at.is_not(None), ContentReport.resolved_at < now - timedelta(days=days)
        )
    )
    return {"core.moderation.reports": rows_affected(done)}
