"""Personal data of decisions: members' plenary votes, and officials' names in the public history.

Erasure keeps every ballot counted: an open (not secret) ballot loses its voter, and the "has
voted" record stays, attached to the anonymous record core keeps, so the number of participants
shown never changes. The follow-up history keeps the name it showed at the time: it is the public,
append-only record of what the City did (the database refuses to change it), and names officials
acting in their public role, never residents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.decisions.models import (
    Decision,
    FollowUpEvent,
    PlenaryBallot,
    PlenaryVote,
    PlenaryVoter,
)
from parvis.i18n import N_, _, lazy_gettext
from parvis.identity import Account, Person
from parvis.pluginmanager import hookimpl
from parvis.privacy.anonymise import anonymise
from parvis.privacy.core_data.declarations import BODIES, BODY_RECORDS
from parvis.privacy.declarations import (
    ExportColumn,
    ExportSection,
    Kept,
    PersonalData,
    Retention,
    export_table,
    officials_work,
)
from parvis.privacy.kept import KeptRule, kept_by

if TYPE_CHECKING:
    from parvis.site import Site

# The public history of decisions, and the names in it, stay as long as the decision is published.
WHILE_PUBLISHED = Retention(N_("the decision is no longer published"))


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    return [
        BODIES.holds(
            code="decisions.plenary_votes",
            title=lazy_gettext("Members' votes on texts"),
            categories=(
                lazy_gettext("that you voted in a members' vote"),
                lazy_gettext(
                    "your choice, in votes that are not secret (in a secret vote it is never linked to you)"
                ),
            ),
            purpose=lazy_gettext("To let each member vote once and count the votes."),
            recipients=(lazy_gettext("The body's members and officials; the public for the results"),),
            tables=("core_plenary_voter", "core_plenary_ballot"),
            order=21,
        ),
        officials_work(
            code="decisions.history",
            title=lazy_gettext("Names in the public history of decisions"),
            categories=(
                lazy_gettext("the name of the official who changed a decision or its follow-up, and when"),
                lazy_gettext(
                    "which account created a decision, opened a vote or recorded the City Council's vote"
                ),
            ),
            purpose=lazy_gettext("The right to follow-up: anyone can see who did what, and when."),
            retention=WHILE_PUBLISHED,
            recipients=(lazy_gettext("The public"),),
            tables=("core_followup_event", "core_decision", "core_plenary_vote", "core_council_vote"),
            order=96,
        ),
    ]


@hookimpl(specname="export_personal_data")
def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    sections: list[ExportSection | None] = []
    if person is not None:
        rows = db.execute(
            select(
                PlenaryVote.opened_at,
                PlenaryVote.secret,
                Decision.title.label("decision"),
                Body.name.label("body"),
                PlenaryBallot.choice,
            )
            .join(PlenaryVoter, PlenaryVoter.vote_id == PlenaryVote.id)
            .join(Decision, Decision.id == PlenaryVote.decision_id)
            .join(Body, Body.id == Decision.body_id)
            .outerjoin(
                PlenaryBallot,
                (PlenaryBallot.vote_id == PlenaryVote.id) & (PlenaryBallot.voter_id == person.id),
            )
            .where(PlenaryVoter.person_id == person.id)
            .order_by(PlenaryVote.opened_at)
        )
        sections.append(
            export_table(
                "decisions.plenary_votes",
                _("Your votes in members' votes"),
                [
                    ExportColumn("body", _("Body")),
                    ExportColumn("decision", _("Text")),
                    ExportColumn("opened_at", _("Vote opened")),
                    ExportColumn("secret", _("Secret vote")),
                    ExportColumn(
                        "choice",
                        _("Your choice"),
                        lambda v: _(v.choice.label) if v.choice is not None else None,
                    ),
                ],
                rows,
                note=_("In a secret vote your choice is not linked to you, so it cannot be shown here."),
            )
        )
    if account is not None:
        events = db.execute(
            select(
                FollowUpEvent.at,
                FollowUpEvent.kind,
                FollowUpEvent.actor_name.label("name"),
                Decision.title.label("decision"),
            )
            .join(Decision, Decision.id == FollowUpEvent.decision_id)
            .where(FollowUpEvent.actor_id == account.id)
            .order_by(FollowUpEvent.at, FollowUpEvent.id)
        )
        sections.append(
            export_table(
                "decisions.history",
                _("Changes to decisions recorded under your name"),
                [
                    ExportColumn("at", _("When")),
                    ExportColumn("decision", _("Decision")),
                    ExportColumn("kind", _("What")),
                    ExportColumn("name", _("Name shown")),
                ],
                events,
            )
        )
    return sections


KEPT = (
    KeptRule(
        what=N_("Your votes in members' votes"),
        why=N_(
            "They stay counted. Your choice is no longer linked to you; the record that someone "
            "voted stays without your name, so the number of voters shown does not change."
        ),
        person=PlenaryVoter.person_id,
        until=BODY_RECORDS,
        tables=("core_plenary_voter",),
    ),
    KeptRule(
        what=N_("The name shown for your changes in the public history of decisions"),
        why=N_(
            "The history of what the City did and when is public and cannot be changed (the right "
            "to follow-up); it names officials acting in their public role."
        ),
        account=FollowUpEvent.actor_id,
        until=WHILE_PUBLISHED,
        tables=("core_followup_event",),
    ),
)


@hookimpl(specname="personal_data_kept")
def kept(db: Session, account: Account | None, person: Person | None) -> list[Kept]:
    return kept_by(KEPT, db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, account, person)
    if person is not None:
        anonymise(db, PlenaryBallot.voter_id, person.id)
    return found
