""" "Beautify your neighbourhood": programmes, residents' contributions (moderated) and works.

A programme moves through its phases in order (contributions -> diagnostic -> works -> done);
contributions are taken during the first two and go through core's moderation (pre-moderated by
default: shown once a moderator or an official of the district approves them; reports can hide
them); operations are shown once published.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Person, Refused, Site, _, photos
from parvis.api.bodies import unique_slug
from parvis.api.content import ContentRef
from parvis.api.moderation import ModerationState, hidden_keys, state, submitted, visible
from parvis.api.search import reindex
from parvis.plugins.neighbourhood_councils.content import CONTRIBUTION
from parvis.plugins.neighbourhood_councils.models import (
    PHASES,
    Category,
    Contribution,
    Operation,
    OperationStatus,
    Phase,
    Programme,
)

OPEN_PHASES = (Phase.CONTRIBUTIONS, Phase.DIAGNOSTIC)


def neighbourhood_name(site: Site, code: str) -> str:
    found = site.config.neighbourhood(code)
    return found.name if found else code


def create_programme(
    db: Session,
    site: Site,
    *,
    title: str,
    neighbourhood: str,
    starts_on: date,
    ends_on: date,
    description: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> Programme:
    hood = site.config.neighbourhood(neighbourhood)
    if hood is None:
        raise Refused(_("Choose among the options shown."), field="neighbourhood")
    if ends_on < starts_on:
        raise Refused(_("The end must come after the start."), field="ends_on")
    programme = Programme(
        slug=unique_slug(db, Programme.slug, title, fallback="programme"),
        title=title,
        district=hood.district,
        neighbourhood=hood.code,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
        latitude=latitude,
        longitude=longitude,
    )
    db.add(programme)
    db.flush()
    return programme


def advance(programme: Programme, to: Phase) -> None:
    """Move to the next phase only (a programme's history goes one way)."""
    position = PHASES.index(programme.phase)
    if PHASES.index(to) != position + 1:
        raise Refused(_("A programme goes through its phases in order."), field="phase")
    programme.phase = to


def contribute(
    db: Session,
    site: Site,
    programme: Programme,
    person: Person,
    *,
    category: Category,
    place: str,
    description: str,
    latitude: float | None,
    longitude: float | None,
    author_account_id: int | None = None,
    premoderate: bool | None = None,
    photo: bytes | None = None,
    photo_alt: str = "",
) -> Contribution:
    """A resident's contribution, handed to core's moderation: a blocked author is refused; it
    waits for approval when ``premoderate`` (None: the plugin's setting) or core's settings say so.
    An optional ``photo`` goes to core's photo store (``parvis.api.photos``: cleaned, metadata
    such as the EXIF GPS position gone), with the author's ``photo_alt`` text (then required)."""
    if programme.phase not in OPEN_PHASES:
        raise Refused(_("This programme no longer takes contributions."))
    contribution = Contribution(
        programme_id=programme.id,
        person_id=person.id,
        category=category,
        place=place,
        description=description,
        latitude=latitude,
        longitude=longitude,
        created_at=site.now(),
    )
    db.add(contribution)
    db.flush()
    if photo:
        photos.add_photo(
            db,
            site,
            ref(contribution),
            photo,
            alt=photo_alt,
            max_bytes=site.settings("neighbourhood_councils").photo_max_bytes,
            uploaded_by_id=author_account_id,
        )
    if premoderate is None:
        premoderate = site.settings("neighbourhood_councils").premoderate_contributions
    found = ref(contribution)
    if not submitted(db, site, found, author_account_id=author_account_id, premoderate=premoderate):
        reindex(db, site, found)  # published at once: in the site search now (else on approval)
    return contribution


def ref(contribution: Contribution) -> ContentRef:
    return ContentRef(CONTRIBUTION, contribution.public_id)


def published_contributions(db: Session, programme: Programme) -> list[Contribution]:
    """The programme's contributions not hidden by moderation (approved, never reported past the
    threshold, restored)."""
    return list(
        db.scalars(
            select(Contribution)
            .where(
                Contribution.programme_id == programme.id,
                visible(CONTRIBUTION, Contribution.public_id),
            )
            .order_by(Contribution.created_at)
        )
    )


def hidden_count(db: Session, programme: Programme) -> int:
    """How many of the programme's contributions moderation keeps from the public (awaiting
    approval, reported, hidden)."""
    keys = list(db.scalars(select(Contribution.public_id).where(Contribution.programme_id == programme.id)))
    return len(hidden_keys(db, CONTRIBUTION, keys))


def own_hidden(
    db: Session, programme: Programme, person_id: int
) -> list[tuple[Contribution, ModerationState]]:
    """A resident's contributions to the programme that the public does not see, with their
    moderation state (what they await, or why a moderator hid them)."""
    found = []
    for contribution in db.scalars(
        select(Contribution)
        .where(Contribution.programme_id == programme.id, Contribution.person_id == person_id)
        .order_by(Contribution.created_at)
    ):
        moderation = state(db, ref(contribution))
        if moderation is not None and moderation.hidden:
            found.append((contribution, moderation))
    return found


def add_operation(
    db: Session,
    programme: Programme,
    *,
    title: str,
    place: str,
    category: Category,
    starts_on: date,
    ends_on: date,
    latitude: float | None,
    longitude: float | None,
    published: bool = True,
) -> Operation:
    if ends_on < starts_on:
        raise Refused(_("The end must come after the start."), field="ends_on")
    operation = Operation(
        programme_id=programme.id,
        title=title,
        place=place,
        category=category,
        starts_on=starts_on,
        ends_on=ends_on,
        latitude=latitude,
        longitude=longitude,
        published=published,
    )
    db.add(operation)
    db.flush()
    return operation


def operations(db: Session, programme: Programme, *, published_only: bool) -> list[Operation]:
    query = select(Operation).where(Operation.programme_id == programme.id)
    if published_only:
        query = query.where(Operation.published.is_(True))
    return list(db.scalars(query.order_by(Operation.starts_on, Operation.id)))


def set_operation_status(operation: Operation, status: OperationStatus) -> None:
    operation.status = status
