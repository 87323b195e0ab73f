"""Participatory bodies for plugins: the models, body kinds and the services that change them.

A plugin declares its kinds with the ``register_body_kinds`` hook (``BodyKind``,
``CollegeTemplate``) and creates bodies, terms, colleges, groups, members and meetings through
these services, which keep seats and terms consistent (``BodyError`` when they refuse).
"""

from __future__ import annotations

from parvis.bodies.kinds import BodyKind, CollegeTemplate, kind_of
from parvis.bodies.models import (
    Attendance,
    AttendanceStatus,
    Body,
    College,
    FillMethod,
    Group,
    Meeting,
    Membership,
    MembershipStatus,
    Term,
)
from parvis.bodies.services import (
    SEAT_HOLDING,
    BodyError,
    add_college,
    add_group,
    add_meeting,
    add_member,
    add_term,
    body_by_slug,
    create_body,
    default_term,
    expected_attendees,
    members,
    record_attendance,
    seat_counts,
    seats_taken,
    slugify,
    unique_slug,
    update_college,
    update_member,
)
from parvis.enums import deprecated_label_maps

# The maps of labels exported before each member carried its label (``MembershipStatus.ACTIVE.label``).
__getattr__ = deprecated_label_maps(
    __name__, ATTENDANCE_LABELS=AttendanceStatus, MEMBERSHIP_STATUS_LABELS=MembershipStatus
)

__all__ = [
    "SEAT_HOLDING",
    "Attendance",
    "AttendanceStatus",
    "Body",
    "BodyError",
    "BodyKind",
    "College",
    "CollegeTemplate",
    "FillMethod",
    "Group",
    "Meeting",
    "Membership",
    "MembershipStatus",
    "Term",
    "add_college",
    "add_group",
    "add_meeting",
    "add_member",
    "add_term",
    "body_by_slug",
    "create_body",
    "default_term",
    "expected_attendees",
    "kind_of",
    "members",
    "record_attendance",
    "seat_counts",
    "seats_taken",
    "slugify",
    "unique_slug",
    "update_college",
    "update_member",
]
