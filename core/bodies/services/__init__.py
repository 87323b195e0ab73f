"""Operations on participatory bodies, for the back office and for plugins.

Every function checks its rules and raises ``BodyError`` (a translated message, the form field
it concerns and optional details) *before* changing anything, so a refused operation leaves the
session as it was. ``BodyError`` is a ``parvis.refusals.Refused``: a web handler lets it through
and the request's unit of work rolls back. Functions add and flush; the caller commits (the
unit of work once per request, a plugin after a batch, e.g. after a draw fills a college)::

    body = services.create_body(db, site, "assembly", "Citizens' Assembly")
    term = services.add_term(db, body, "2025-26", date(2025, 9, 1), date(2026, 8, 31))
    services.add_member(db, site, body, term, person, college=body.colleges[0])
    db.commit()

Authorisation is the caller's business (``guards.check(state, "core.manage_bodies", body)``).

One module a resource: ``common`` (``BodyError``, slugs, checks they share), ``bodies``,
``terms``, ``colleges`` (and seats), ``members``, ``meetings`` (groups, meetings, attendance);
this package names them all.
"""

from parvis.bodies.services.bodies import (
    bodies_managed_by,
    body_by_slug,
    create_body,
    update_body,
)
from parvis.bodies.services.colleges import (
    add_college,
    delete_college,
    seat_counts,
    seats_taken,
    update_college,
)
from parvis.bodies.services.common import (
    CODE,
    RESERVED_SLUGS,
    SEAT_HOLDING,
    BodyError,
    slugify,
    unique_slug,
)
from parvis.bodies.services.meetings import (
    add_group,
    add_meeting,
    attendance_of,
    delete_group,
    delete_meeting,
    expected_attendees,
    meetings,
    record_attendance,
    upcoming_meetings,
    update_group,
    update_meeting,
)
from parvis.bodies.services.members import (
    add_member,
    eligibility_failures,
    members,
    remove_member,
    search_people,
    update_member,
)
from parvis.bodies.services.terms import (
    add_term,
    current_terms,
    default_term,
    delete_term,
    update_term,
)

__all__ = [
    "CODE",
    "RESERVED_SLUGS",
    "SEAT_HOLDING",
    "BodyError",
    "add_college",
    "add_group",
    "add_meeting",
    "add_member",
    "add_term",
    "attendance_of",
    "bodies_managed_by",
    "body_by_slug",
    "create_body",
    "current_terms",
    "default_term",
    "delete_college",
    "delete_group",
    "delete_meeting",
    "delete_term",
    "eligibility_failures",
    "expected_attendees",
    "meetings",
    "members",
    "record_attendance",
    "remove_member",
    "search_people",
    "seat_counts",
    "seats_taken",
    "slugify",
    "unique_slug",
    "upcoming_meetings",
    "update_body",
    "update_college",
    "update_group",
    "update_meeting",
    "update_member",
    "update_term",
]
