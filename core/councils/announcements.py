"""Telling residents that a council's call for applications is open.

A call is a content kind (``councils.call``: its title and its application page), so the
notifications point at it like at any plugin's object. Once a call has opened, the hourly
``councils.announce_calls`` job tells every active account whose person may apply under the
council's eligibility rules (age, nationality, residence...), in the app and by mail as each person
chose. ``announced_at`` makes it once per call, however late or often the job runs; the call's
workflow moves by "announce" (``parvis.councils.lifecycle``).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies import services as bodies
from parvis.content import ContentKind, ContentRef
from parvis.councils import lifecycle
from parvis.councils.models import Call
from parvis.councils.spec import Council, council_for
from parvis.i18n import lazy_gettext
from parvis.identity import Account, Person
from parvis.notifications.events import CALL_FOR_YOU
from parvis.notifications.notices import notify

if TYPE_CHECKING:
    from parvis.site import Site

CALL = "councils.call"


def content_kinds() -> list[ContentKind]:
    return [
        ContentKind.of_model(
            CALL,
            lazy_gettext("Call for applications"),
            Call,
            path=lambda call: f"/bodies/{call.body.slug}/apply",
            published_at=lambda call: datetime.combine(call.opens_on, time(), tzinfo=UTC),
            public=lambda db, site, call: call.body.active and call.opens_on <= site.today(),
        )
    ]


def eligible_accounts(db: Session, site: Site, council: Council[Any], call: Call) -> list[int]:
    """The active accounts whose person meets the council's and the body's eligibility rules."""
    rules = council.settings(site).eligibility
    today = site.today()
    people = db.execute(
        select(Account.id, Person).join(Person, Person.id == Account.person_id).where(Account.active)
    )
    return [
        account_id
        for account_id, person in people
        if not rules.failures(person, today)
        and not bodies.eligibility_failures(site, call.body, person, None, call.term.starts_on)
    ]


def announce_open_calls(db: Session, site: Site) -> int:
    """Tell the eligible residents about every open call not yet announced; how many were told."""
    today = site.today()
    due = db.scalars(
        select(Call).where(
            Call.announced_at.is_(None),
            Call.drawn_at.is_(None),
            Call.opens_on <= today,
            Call.closes_on >= today,
        )
    )
    told = 0
    for call in due:
        council = council_for(site, call.body.kind)
        if council is not None and call.body.active:
            recipients = eligible_accounts(db, site, council, call)
            told += notify(db, site, ContentRef(CALL, call.public_id), CALL_FOR_YOU, recipients=recipients)
        call.announced_at = site.now()
        # The platform moves the call by "announce" when its workflow has that step from here (a
        # city's workflow may announce from another state, or not record announcements at all).
        if lifecycle.leads_from_here(db, lifecycle.CALL, call, "announce"):
            lifecycle.advance(db, lifecycle.CALL, call, "announce")
    return told


def announce_job(job: Any) -> None:
    """The ``councils.announce_calls`` job (every hour)."""
    job.result["told"] = announce_open_calls(job.db, job.site)
