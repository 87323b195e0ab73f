"""Names in the history of moves: who submitted a mission, validated it, reviewed an idea.

Erasure removes the name and the account link; the move itself stays (when, from which state to
which): the life of a mission or an idea is the City's record, not the person's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.pluginmanager import hookimpl
from parvis.privacy.declarations import (
    UNTIL_ACCOUNT_DELETED,
    ExportColumn,
    ExportSection,
    Kept,
    PersonalData,
    export_table,
    officials_work,
)
from parvis.workflows.models import WorkflowEvent

if TYPE_CHECKING:
    from parvis.site import Site


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        officials_work(
            code="workflows.history",
            title=lazy_gettext("Names in the history of missions, ideas and projects"),
            categories=(
                lazy_gettext("which account moved an item from one step of its life to the next, and when"),
                lazy_gettext("the comment written with the move"),
            ),
            purpose=lazy_gettext("To know who did what to an item, and why."),
            retention=UNTIL_ACCOUNT_DELETED,
            tables=("core_workflow_event",),
            order=97,
        )
    ]


@hookimpl(specname="export_personal_data")
def export(db: Session, site: Site, account: Account | None) -> list[ExportSection | None]:
    if account is None:
        return []
    events = db.scalars(
        select(WorkflowEvent)
        .where(WorkflowEvent.actor_id == account.id)
        .order_by(WorkflowEvent.at, WorkflowEvent.id)
    )
    return [
        export_table(
            "workflows.history",
            _("Steps you made in the life of missions, ideas and projects"),
            [
                ExportColumn("at", _("When")),
                ExportColumn("kind", _("What")),
                ExportColumn("from", _("From"), lambda e: e.from_state),
                ExportColumn("to", _("To"), lambda e: e.to_state),
                ExportColumn("comment", _("Comment")),
            ],
            events,
        )
    ]


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Account | None) -> list[Kept]:
    if account is None:
        return []
    db.execute(
        update(WorkflowEvent)
        .where(WorkflowEvent.actor_id == account.id)
        .values(actor_id=None, actor_name="")
        .execution_options(synchronize_session=False)
    )
    return []  # nothing kept
