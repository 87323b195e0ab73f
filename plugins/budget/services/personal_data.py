"""The participatory budget's personal data for the core privacy hooks.

Ballots are anonymous by construction (``models/voting.py``): who voted and what was voted live
in two tables with no link, so a person's export lists the campaigns they voted in, never a
ballot, and erasure leaves every ballot counted. Paper ballots never held a name.

Erasure:

- ideas still awaiting review or not admissible (and not merged into a project) are deleted with
  their photo; ideas that are admissible or part of a project stay, without the author's name or
  link (they are part of the public process: projects were built and voted on from them);
- "has voted" records stay, attached to the anonymous record core keeps, so turnout stays right;
- the official's check of residence is deleted;
- an official's entries of ballot box counts stay under an anonymous account (each count is
  entered by two different officials: the record of the count must stay whole).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    Account,
    DataService,
    ExportColumn,
    ExportSection,
    Kept,
    KeptRule,
    Person,
    PersonalData,
    Retention,
    _,
    export_table,
    hookimpl,
    joined,
    kept_by,
    lazy_gettext,
    officials_work,
    rows_affected,
)
from parvis.api.content import ContentRef
from parvis.api.photos import remove_photos
from parvis.plugins.budget.content import IDEA
from parvis.plugins.budget.labels import theme_label
from parvis.plugins.budget.models import (
    Campaign,
    Idea,
    IdeaStatus,
    PaperReport,
    ProjectIdea,
    Scope,
    Verification,
    VoterRecord,
)

if TYPE_CHECKING:
    from parvis.api import Site

BUDGET = DataService(lazy_gettext("Participatory budget"))


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    settings = site.settings("budget")
    return [
        BUDGET.holds(
            code="budget.ideas",
            title=lazy_gettext("Ideas you submit"),
            categories=(
                lazy_gettext("the idea, its place and photo"),
                lazy_gettext(
                    "the name published with it (a child's given name only), a collective's name, and a "
                    "private link to your account to check the age and residence criteria"
                ),
                lazy_gettext("the officials' review of the idea"),
            ),
            purpose=lazy_gettext("To collect ideas, review them and build the projects put to the vote."),
            retention=Retention(
                N_("the campaign is archived"),
                detail=lazy_gettext(
                    "If you delete your account, ideas not yet admissible are deleted; the others stay "
                    "without your name."
                ),
            ),
            recipients=(
                lazy_gettext("The public (the idea and the published name)"),
                lazy_gettext("Officials"),
            ),
            tables=("budget_idea", "core_photo"),
            order=50,
        ),
        BUDGET.holds(
            code="budget.votes",
            title=lazy_gettext("Votes"),
            categories=(
                lazy_gettext(
                    "that you voted in a campaign's ballots for {site.whole_city} and for {site.district:a}"
                ),
                lazy_gettext(
                    "your ballot, stored apart with no link to you (a random id, the day, a hash of your "
                    "receipt code)"
                ),
            ),
            purpose=lazy_gettext(
                "To let each resident vote once per ballot, in secret, and count the votes."
            ),
            retention=Retention(
                N_("the campaign is archived"),
                detail=lazy_gettext(
                    "If you delete your account, the record that you voted stays without your name and your "
                    "ballot stays counted."
                ),
            ),
            recipients=(lazy_gettext("Nobody sees who voted; the public sees the results"),),
            tables=("budget_voter_record", "budget_ballot"),
            order=51,
        ),
        BUDGET.holds(
            code="budget.verification",
            title=lazy_gettext("Checks of residence"),
            categories=(
                lazy_gettext("whether an official confirmed that you live in the city, when, and a note"),
            ),
            purpose=lazy_gettext("To let only residents vote, where the City checks residence."),
            retention=Retention(N_("the official's decision"), days=settings.verification_kept_days),
            recipients=(lazy_gettext("Officials"),),
            tables=("budget_verification",),
            order=52,
        ),
        officials_work(
            code="budget.officials",
            title=lazy_gettext("Officials' names on the participatory budget"),
            categories=(
                lazy_gettext(
                    "which account created a campaign, reviewed an idea, checked a residence, uploaded a "
                    "photo or entered a ballot box's count"
                ),
            ),
            purpose=lazy_gettext(
                "To know who did what in the back office; ballot box counts are signed twice."
            ),
            tables=("budget_campaign", "budget_paper_report"),
            order=98,
        ),
    ]


def _place(site: Site, idea: Idea) -> str:
    if idea.district:
        found = site.config.district(idea.district)
        return found.name if found else idea.district
    return _("All the city")


@hookimpl(specname="export_personal_data")
def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    sections: list[ExportSection | None] = []
    if person is not None:
        ideas = db.execute(
            select(Idea, Campaign.title.label("campaign"))
            .join(Campaign, Campaign.id == Idea.campaign_id)
            .where(Idea.author_person_id == person.id)
            .order_by(Idea.created_at)
        )
        sections.append(
            export_table(
                "budget.ideas",
                _("Participatory budget: your ideas"),
                [
                    ExportColumn("campaign", _("Campaign")),
                    ExportColumn("title", _("Title")),
                    ExportColumn("description", _("Description")),
                    ExportColumn("where", _("Where"), lambda i: _place(site, i)),
                    ExportColumn("place", _("Place")),
                    ExportColumn("theme", _("Theme"), lambda i: theme_label(site, i.theme)),
                    ExportColumn("author_name", _("Name published")),
                    ExportColumn("collective", _("Collective")),
                    ExportColumn("status", _("Status"), lambda i: _(i.status.label)),
                    ExportColumn("review_reason", _("Officials' reason")),
                    ExportColumn("created_at", _("Sent")),
                ],
                joined(ideas),
            )
        )
        votes = db.execute(
            select(VoterRecord.scope, Campaign.title.label("campaign"))
            .join(Campaign, Campaign.id == VoterRecord.campaign_id)
            .where(VoterRecord.person_id == person.id)
            .order_by(Campaign.year, VoterRecord.scope)
        )
        sections.append(
            export_table(
                "budget.votes",
                _("Participatory budget: ballots you used"),
                [
                    ExportColumn("campaign", _("Campaign")),
                    ExportColumn("ballot", _("Ballot"), lambda v: _(Scope(v.scope).label)),
                ],
                votes,
                note=_(
                    "Your ballots themselves are not linked to you, so they cannot be shown here. "
                    "Your receipt "
                    "code lets you check on the site that your ballot was counted."
                ),
            )
        )
        verification = db.get(Verification, person.id)
        sections.append(
            export_table(
                "budget.verification",
                _("Participatory budget: check of your residence"),
                [
                    ExportColumn("status", _("Status"), lambda v: _(v.status.label)),
                    ExportColumn("requested_at", _("Asked")),
                    ExportColumn("decided_at", _("Decided")),
                    ExportColumn("note", _("Official's note")),
                ],
                [verification] if verification is not None else [],
            )
        )
    return sections


# Ideas that nothing public depends on: awaiting review or not admissible, and in no project.
REMOVABLE = Idea.status.in_([IdeaStatus.SUBMITTED, IdeaStatus.REJECTED]) & ~exists().where(
    ProjectIdea.idea_id == Idea.id
)
ARCHIVED = Retention(N_("the campaign is archived"))
KEPT = (
    KeptRule(
        what=N_("Your ideas that were found admissible or became part of a project, without your name"),
        why=N_("Projects were built and put to the vote from them: they are part of the public record."),
        person=Idea.author_person_id,
        where=(~REMOVABLE,),
    ),
    KeptRule(
        what=N_("Your ballots, and the record that you voted, without your name"),
        why=N_(
            "Your ballots stay counted: they were never linked to you. The record that someone "
            "voted stays, anonymous, so that turnout stays right."
        ),
        person=VoterRecord.person_id,
        until=ARCHIVED,
        tables=("budget_voter_record",),
    ),
    KeptRule(
        what=N_("The ballot box counts you entered as an official, under an anonymous account"),
        why=N_("Each count is entered by two different officials; the record of the count must stay whole."),
        account=PaperReport.entered_by_id,
        until=ARCHIVED,
        tables=("budget_paper_report",),
    ),
)


@hookimpl(specname="personal_data_kept")
def kept(db: Session, account: Account | None, person: Person | None) -> list[Kept]:
    return kept_by(KEPT, db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, account, person)
    if person is None:
        return found
    removable = db.scalars(select(Idea).where(Idea.author_person_id == person.id, REMOVABLE)).all()
    remove_photos(db, [ContentRef(IDEA, idea.public_id) for idea in removable])
    for idea in removable:
        db.delete(idea)
    db.flush()
    db.execute(
        update(Idea)
        .where(Idea.author_person_id == person.id)
        .values(author_person_id=None, author_name="")
        .execution_options(synchronize_session=False)
    )
    db.execute(delete(Verification).where(Verification.person_id == person.id))
    return found


@hookimpl(specname="purge_personal_data")
def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    days = site.settings("budget").verification_kept_days
    result = db.execute(
        delete(Verification).where(
            Verification.decided_at.is_not(None), Verification.decided_at < now - timedelta(days=days)
        )
    )
    return {"budget.verifications": rows_affected(result)}
