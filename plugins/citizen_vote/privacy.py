"""The citizen vote's personal data: the electoral roll (from the City, for the poll book), the
clerks' assignments, the officials' count entries. The poll book's marks are core's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    DataService,
    ExportColumn,
    Kept,
    KeptRule,
    PersonalData,
    Retention,
    _,
    anonymise,
    export_table,
    hookimpl,
    kept_by,
    lazy_gettext,
)
from parvis.plugins.citizen_vote.models import Clerk, CountEntry, Place, RollEntry, Vote

if TYPE_CHECKING:
    from parvis.api import Site


@hookimpl(specname="register_personal_data")
def declarations(site: Site) -> list[PersonalData]:
    days = site.settings("citizen_vote").roll_retention_days
    votes = DataService(lazy_gettext("Citizen votes"), retention=Retention(N_("the vote"), days=days))
    return [
        votes.holds(
            code="citizen_vote.roll",
            title=lazy_gettext("The electoral roll of a citizen vote"),
            categories=(
                lazy_gettext("name, birth date, roll number, section and {site.district} of each elector"),
                lazy_gettext(
                    "for a consultative vote of residents, the link from each entry to the resident's "
                    "record on the site"
                ),
            ),
            purpose=lazy_gettext(
                "To let each elector vote once, at their voting place, and to count turnout."
            ),
            recipients=(lazy_gettext("The clerks of the voting places and the officials who run the vote"),),
            source=lazy_gettext(
                "The electoral rolls, frozen at the vote's cut-off date; for a consultative vote, the "
                "residents known to the site on the day its electorate was frozen"
            ),
            tables=("citizen_vote_roll",),
            order=31,
        ),
        votes.holds(
            code="citizen_vote.staff",
            title=lazy_gettext("Clerks and counts of citizen votes"),
            categories=(
                lazy_gettext(
                    "which voting place a clerk serves, which official entered a place's count and when"
                ),
            ),
            purpose=lazy_gettext("To know who may mark electors, and who counted the ballots."),
            recipients=(lazy_gettext("The officials who run the vote and the control commission"),),
            tables=("citizen_vote_clerk", "citizen_vote_count"),
            order=32,
        ),
    ]


def _electorates(db: Session, person: Any) -> list[Any]:
    """The residents' electorates the person is on (imported rolls link to nobody)."""
    if person is None:
        return []
    return list(
        db.execute(
            select(Vote.title.label("vote"), RollEntry.number, RollEntry.section)
            .join(RollEntry, RollEntry.vote_id == Vote.id)
            .where(RollEntry.person_id == person.id)
        )
    )


@hookimpl(specname="export_personal_data")
def export(db: Session, site: Site, account: Any, person: Any) -> list[Any]:
    vote = ExportColumn("vote", _("Vote"))
    place = ExportColumn("place", _("Voting place"))
    electorates = export_table(
        "citizen_vote.electorate",
        _("Consultative votes whose electorate you are on"),
        [vote, ExportColumn("number", _("Roll number")), ExportColumn("section", _("Section"))],
        _electorates(db, person),
    )
    if account is None:
        return [electorates]
    places = db.execute(
        select(Vote.title.label("vote"), Place.name.label("place"))
        .join(Place, Place.vote_id == Vote.id)
        .join(Clerk, Clerk.place_id == Place.id)
        .where(Clerk.account_id == account.id)
    )
    counts = db.execute(
        select(Vote.title.label("vote"), Place.name.label("place"), CountEntry.entered_at.label("at"))
        .join(Place, Place.vote_id == Vote.id)
        .join(CountEntry, CountEntry.place_id == Place.id)
        .where(CountEntry.entered_by_id == account.id)
    )
    return [
        electorates,
        export_table("citizen_vote.clerk", _("Voting places where you are a clerk"), [vote, place], places),
        export_table(
            "citizen_vote.counts",
            _("Counts you entered"),
            [vote, place, ExportColumn("at", _("When"))],
            counts,
        ),
    ]


KEPT = (
    KeptRule(
        what=N_("Your entry on the electorate of a consultative vote"),
        why=N_(
            "The electorate is frozen and its fingerprint published: your entry stays until "
            "the vote's data is purged, no longer linked to your account."
        ),
        person=RollEntry.person_id,
    ),
    KeptRule(
        what=N_("The counts you entered"),
        why=N_("They are the vote's official figures; they stay, no longer linked to you."),
        account=CountEntry.entered_by_id,
    ),
)


@hookimpl(specname="personal_data_kept")
def kept(db: Session, account: Any, person: Any) -> list[Kept]:
    return kept_by(KEPT, db, account, person)


@hookimpl(specname="erase_personal_data")
def erase(db: Session, account: Any, person: Any) -> list[Kept]:
    found = kept(db, account, person)
    if person is not None:
        anonymise(db, RollEntry.person_id, person.id)
    if account is not None:
        db.execute(delete(Clerk).where(Clerk.account_id == account.id))
        anonymise(db, CountEntry.entered_by_id, account.id)
    return found
