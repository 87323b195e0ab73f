"""Personal data of comments, votes on comments, supports and debates.

The choice, for erasure: a comment's text stays in the public conversation (replies and official
answers refer to it), anonymised (no account, no name, the history of its edits deleted); votes on
comments and supports are deleted (the counts go down: they were that person's opinion, nobody
else's). A comment its author deleted keeps no text. Debates keep their text, without the
official's account.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from parvis.comments.models import Comment, CommentRevision, CommentVote, Debate, Support
from parvis.content import ContentRef, load
from parvis.i18n import N_, _, lazy_gettext
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.declarations import DataService, ExportColumn, PersonalData, Retention, export_table
from parvis.privacy.kept import KeptRule, kept_by
from parvis.site import Site

COMMENTS = DataService(lazy_gettext("Comments and debates"))
KEPT_UNTIL = N_("the page they were written on is deleted")


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        COMMENTS.holds(
            code="core.comments",
            title=lazy_gettext(
                "Your comments, their history, and your agreement or disagreement with others'"
            ),
            categories=(
                lazy_gettext("the comments you publish, with the name shown and the date"),
                lazy_gettext("their former texts when you change them"),
                lazy_gettext("whether you agree or disagree with other comments"),
            ),
            purpose=lazy_gettext("To let residents discuss the projects and decisions in public."),
            retention=Retention(
                KEPT_UNTIL,
                detail=lazy_gettext(
                    "When your account is deleted, your comments stay without your name; your "
                    "agreements and disagreements are deleted."
                ),
            ),
            recipients=(lazy_gettext("Everyone: comments are public"),),
            tables=("core_comment", "core_comment_revision", "core_comment_vote", "core_debate"),
            order=60,
        ),
        COMMENTS.holds(
            code="core.supports",
            title=lazy_gettext("Your supports"),
            categories=(lazy_gettext("which ideas you support, and since when"),),
            purpose=lazy_gettext("To count the support each idea receives, once per person."),
            retention=Retention(N_("you withdraw your support or your account is deleted")),
            recipients=(lazy_gettext("Only the count is public"),),
            tables=("core_support",),
            order=61,
        ),
    ]


def _title(db: Session, site: Site, kind: str, key: str) -> str:
    item = load(db, site, ContentRef(kind, key))
    return item.title if item else f"{kind}:{key}"


@hookimpl(specname="export_personal_data")
def export(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    if account is None:
        return []
    comments = db.scalars(
        select(Comment).where(Comment.author_account_id == account.id).order_by(Comment.id)
    ).all()
    votes = db.execute(
        select(CommentVote.agree, CommentVote.at, Comment.public_id.label("comment"))
        .join(Comment, Comment.id == CommentVote.comment_id)
        .where(CommentVote.account_id == account.id)
        .order_by(CommentVote.id)
    ).all()
    backed = db.scalars(select(Support).where(Support.account_id == account.id).order_by(Support.id)).all()
    return [
        export_table(
            "core.comments",
            _("Your comments"),
            [
                ExportColumn("on", _("On"), lambda c: _title(db, site, c.content_kind, c.content_key)),
                ExportColumn("at", _("Published on"), lambda c: c.created_at),
                ExportColumn("text", _("Text"), lambda c: c.body if not c.deleted else _("(deleted)")),
                ExportColumn("former", _("Former texts"), lambda c: [r.body for r in c.revisions]),
            ],
            comments,
        ),
        export_table(
            "core.comment_votes",
            _("Your agreement with comments"),
            [
                ExportColumn("comment", _("Comment")),
                ExportColumn("agree", _("Agree")),
                ExportColumn("at", _("When")),
            ],
            votes,
        ),
        export_table(
            "core.supports",
            _("Your supports"),
            [
                ExportColumn("on", _("On"), lambda s: _title(db, site, s.content_kind, s.content_key)),
                ExportColumn("at", _("Since")),
            ],
            backed,
        ),
    ]


KEPT = (
    KeptRule(
        what=N_("The text of your comments, without your name"),
        why=N_("Replies and answers refer to them: the public conversation stays readable."),
        account=Comment.author_account_id,
        where=(Comment.deleted_at.is_(None),),
        until=Retention(KEPT_UNTIL),
    ),
)


@hookimpl(specname="personal_data_kept")
def kept(db: Session, account: Any, person: Any) -> list[Any]:
    return kept_by(KEPT, db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Any, person: Any) -> list[Any]:
    found = kept(db, account, person)
    if account is None:
        return found
    mine = select(Comment.id).where(Comment.author_account_id == account.id)
    db.execute(delete(CommentRevision).where(CommentRevision.comment_id.in_(mine)))
    db.execute(
        update(Comment)
        .where(Comment.author_account_id == account.id)
        .values(author_account_id=None, author_name="")
        .execution_options(synchronize_session=False)
    )
    db.execute(delete(CommentVote).where(CommentVote.account_id == account.id))
    db.execute(delete(Support).where(Support.account_id == account.id))
    anonymise(db, Debate.created_by_id, account.id)
    return found
