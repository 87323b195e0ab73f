"""Operations on participatory bodies, for the back office and for plugins.

Every function checks its rules and raises ``BodyError`` (a translated message, the form field
it concerns and optional details) *before* changing anything, so a refused operation leaves the
session as it was. Functions add and flush; the caller commits (a web handler once per request,
a plugin after a batch, e.g. after a draw fills a college)::

    body = services.create_body(db, site, "assembly", "Citizens' Assembly")
    term = services.add_term(db, body, "2025-26", date(2025, 9, 1), date(2026, 8, 31))
    services.add_member(db, site, body, term, person, college=body.colleges[0])
    db.commit()

Authorisation is the caller's business (``guards.check(state, "core.manage_bodies", body)``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from parvis.bodies.kinds import RESERVED_ROLES, kind_of
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
from parvis.db import utcnow
from parvis.formatting import format_date, local
from parvis.i18n import _, use_locale
from parvis.identity import Person

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.site import Site

# Memberships that hold a seat: an invited person keeps it until they decline.
SEAT_HOLDING = (MembershipStatus.ACTIVE, MembershipStatus.INVITED)
# Slugs that would shadow fixed paths of the pages (/admin/bodies/new).
RESERVED_SLUGS = frozenset({"new", "search", "admin", "api"})
CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


class BodyError(ValueError):
    """A refused operation: why (translated), which form field it concerns, and the details."""

    def __init__(self, message: str, field: str | None = None, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = list(details)


# ---------------------------------------------------------------------------
# Slugs
# ---------------------------------------------------------------------------


def slugify(text: str, max_length: int = 60) -> str:
    """An ASCII slug: "Conseil des Européens" -> "conseil-des-europeens" (empty if nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-")


def unique_slug(db: Session, column: Any, text: str, *where: Any, fallback: str = "item") -> str:
    """``slugify(text)``, made unique in ``column`` (within the rows matching ``where``) with -2, -3..."""
    base = slugify(text) or fallback
    if base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    taken = set(db.scalars(select(column).where(column.like(f"{base}%"), *where)))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# ---------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------


def _required(value: str | None, field: str, max_length: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise BodyError(_("This field is required."), field)
    if len(text) > max_length:
        raise BodyError(_("Use at most {count} characters.").format(count=max_length), field)
    return text


def _check_rule(site: Site, rule: str | None, field: str) -> str | None:
    if rule and rule not in site.eligibility_rules:
        raise BodyError(
            _("There is no eligibility rule named {name} in the site configuration.").format(name=rule),
            field,
        )
    return rule or None


def create_body(
    db: Session,
    site: Site,
    kind: str,
    name: str,
    description: str = "",
    *,
    active: bool = True,
    eligibility: str | None = None,
) -> Body:
    """A body of a declared kind, with the kind's default colleges (named in the site's language)."""
    declared = site.body_kinds.get(kind)
    if declared is None:
        raise BodyError(_("This kind of body is not provided by any enabled plugin."), "kind")
    name = _required(name, "name")
    rule = eligibility if eligibility is not None else declared.eligibility
    body = Body(
        kind=kind,
        name=name,
        description=(description or "").strip(),
        active=active,
        slug=unique_slug(db, Body.slug, name, fallback="body"),
        eligibility=rule or None,
    )
    with use_locale(site.config.site.default_locale):
        for template in declared.colleges:
            body.colleges.append(
                College(
                    code=template.code,
                    name=str(template.name),
                    seats=template.seats,
                    fill_method=template.fill_method,
                    eligibility=template.eligibility,
                )
            )
    db.add(body)
    db.flush()
    return body


def update_body(
    db: Session,
    site: Site,
    body: Body,
    *,
    name: str,
    description: str = "",
    active: bool = True,
    eligibility: str | None = None,
) -> Body:
    """Change a body's name, description, active flag and rule; its slug (its address) stays."""
    name = _required(name, "name")
    unchanged_rule = eligibility == body.eligibility  # keeps a rule the configuration lost
    rule = eligibility if unchanged_rule else _check_rule(site, eligibility, "eligibility")
    body.name = name
    body.description = (description or "").strip()
    body.active = active
    body.eligibility = rule or None
    db.flush()
    return body


def body_by_slug(db: Session, slug: str, *, active_only: bool = False) -> Body | None:
    query = select(Body).where(Body.slug == slug)
    if active_only:
        query = query.where(Body.active)
    return db.scalar(query)


def bodies_managed_by(
    db: Session, site: Site, actor: Actor, action: str = "core.manage_bodies"
) -> list[Body]:
    """Every body when the actor may ``action`` site-wide, else the bodies they may ``action`` in."""
    query = select(Body).order_by(Body.name)
    if not actor.authenticated:
        return []
    if site.hook.permission_allowed(site=site, actor=actor, action=action, resource=None):
        return list(db.scalars(query))
    if not actor.body_roles:
        return []
    candidates = db.scalars(query.where(Body.id.in_(list(actor.body_roles))))
    allowed = site.hook.permission_allowed
    return [b for b in candidates if allowed(site=site, actor=actor, action=action, resource=b)]


# ---------------------------------------------------------------------------
# Terms
# ---------------------------------------------------------------------------


def _check_term(
    db: Session, body: Body, label: str, starts_on: date, ends_on: date, *, term_id: int | None
) -> str:
    label = _required(label, "label", 40)
    if ends_on <= starts_on:
        raise BodyError(_("The end date must be after the start date."), "ends_on")
    clash = db.scalar(
        select(Term.id).where(Term.body_id == body.id, Term.label == label, Term.id != (term_id or -1))
    )
    if clash:
        raise BodyError(_("This body already has a term with this label."), "label")
    return label


def add_term(db: Session, body: Body, label: str, starts_on: date, ends_on: date) -> Term:
    """A term of office or promotion; the label is unique in the body and the end after the start."""
    label = _check_term(db, body, label, starts_on, ends_on, term_id=None)
    term = Term(body=body, label=label, starts_on=starts_on, ends_on=ends_on)
    db.add(term)
    db.flush()
    return term


def update_term(db: Session, term: Term, *, label: str, starts_on: date, ends_on: date) -> Term:
    term.label = _check_term(db, term.body, label, starts_on, ends_on, term_id=term.id)
    term.starts_on, term.ends_on = starts_on, ends_on
    db.flush()
    return term


def delete_term(db: Session, term: Term) -> None:
    """Remove a term that has no members (refused otherwise: members' history is kept)."""
    if db.scalar(select(func.count()).where(Membership.term_id == term.id)):
        raise BodyError(_("This term has members. Remove them before deleting the term."))
    try:
        with db.begin_nested():
            db.delete(term)
            db.flush()
    except IntegrityError:  # decisions, draws or other records of plugins still refer to it
        message = _("This term has decisions or other records attached; it cannot be deleted.")
        raise BodyError(message) from None


def current_terms(db: Session, body: Body, day: date) -> list[Term]:
    """The terms running on ``day`` (several when promotions overlap)."""
    return list(
        db.scalars(
            select(Term)
            .where(Term.body_id == body.id, Term.starts_on <= day, Term.ends_on >= day)
            .order_by(Term.starts_on)
        )
    )


def default_term(db: Session, body: Body, day: date) -> Term | None:
    """The term a page shows first: the latest running one, else the next, else the last."""
    running = current_terms(db, body, day)
    if running:
        return running[-1]
    upcoming = db.scalar(
        select(Term).where(Term.body_id == body.id, Term.starts_on > day).order_by(Term.starts_on)
    )
    return upcoming or db.scalar(select(Term).where(Term.body_id == body.id).order_by(Term.starts_on.desc()))


# ---------------------------------------------------------------------------
# Colleges and seats
# ---------------------------------------------------------------------------


def seats_taken(db: Session, college: College, term: Term) -> int:
    """Seats of ``college`` held in ``term`` (active and invited members)."""
    return int(
        db.scalar(
            select(func.count()).where(
                Membership.college_id == college.id,
                Membership.term_id == term.id,
                Membership.status.in_(SEAT_HOLDING),
            )
        )
        or 0
    )


def seat_counts(db: Session, body: Body, term: Term | None) -> dict[int, int]:
    """{college id: seats held in ``term``} for every college of the body."""
    counts = dict.fromkeys((c.id for c in body.colleges), 0)
    if term is None:
        return counts
    rows = db.execute(
        select(Membership.college_id, func.count())
        .where(
            Membership.term_id == term.id,
            Membership.college_id.is_not(None),
            Membership.status.in_(SEAT_HOLDING),
        )
        .group_by(Membership.college_id)
    )
    counts.update({college_id: int(n) for college_id, n in rows if college_id is not None})
    return counts


def _check_college(
    db: Session,
    site: Site,
    body: Body,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None,
    college_id: int | None,
) -> tuple[str, str, FillMethod, str | None]:
    code = (code or "").strip().lower()
    if not CODE.match(code):
        raise BodyError(
            _("Use 1 to 32 lower-case letters, digits, hyphens or underscores."),
            "code",
        )
    name = _required(name, "name")
    if seats is None or seats < 0:
        raise BodyError(_("Enter a number of at least {minimum}.").format(minimum=0), "seats")
    try:
        method = FillMethod(fill_method)
    except ValueError:
        raise BodyError(_("Choose among the options shown."), "fill_method") from None
    clash = db.scalar(
        select(College.id).where(
            College.body_id == body.id, College.code == code, College.id != (college_id or -1)
        )
    )
    if clash:
        raise BodyError(_("This body already has a college with this code."), "code")
    return code, name, method, _check_rule(site, eligibility, "eligibility")


def add_college(
    db: Session,
    site: Site,
    body: Body,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None = None,
) -> College:
    code, name, method, rule = _check_college(
        db,
        site,
        body,
        code=code,
        name=name,
        seats=seats,
        fill_method=fill_method,
        eligibility=eligibility,
        college_id=None,
    )
    college = College(body=body, code=code, name=name, seats=seats, fill_method=method, eligibility=rule)
    db.add(college)
    db.flush()
    return college


def update_college(
    db: Session,
    site: Site,
    college: College,
    *,
    code: str,
    name: str,
    seats: int,
    fill_method: FillMethod | str,
    eligibility: str | None = None,
) -> College:
    """Change a college; fewer seats than some term already fills is refused."""
    body = college.body
    unchanged_rule = eligibility == college.eligibility  # keeps a rule the configuration lost
    code, name, method, rule = _check_college(
        db,
        site,
        body,
        code=code,
        name=name,
        seats=seats,
        fill_method=fill_method,
        eligibility=None if unchanged_rule else eligibility,
        college_id=college.id,
    )
    if unchanged_rule:
        rule = college.eligibility
    for term in body.terms:
        taken = seats_taken(db, college, term)
        if taken > seats:
            raise BodyError(
                _("{count} seats are already filled for the term {term}. Remove members first.").format(
                    count=taken, term=term.label
                ),
                "seats",
            )
    college.code, college.name, college.seats = code, name, seats
    college.fill_method, college.eligibility = method, rule
    db.flush()
    return college


def delete_college(db: Session, college: College) -> None:
    if db.scalar(select(func.count()).where(Membership.college_id == college.id)):
        raise BodyError(_("This college has members. Remove them or move them to another college first."))
    db.delete(college)
    db.flush()


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------


def eligibility_failures(
    site: Site, body: Body, person: Person, college: College | None, on: date
) -> list[str]:
    """Why ``person`` may not sit in ``body`` (and ``college``) on ``on``: the failed conditions.

    A rule named but missing from the configuration refuses everyone (a clear message rather than
    letting anyone in by mistake).
    """
    reasons: list[str] = []
    for rule_name in (body.eligibility, college.eligibility if college else None):
        if not rule_name:
            continue
        rule = site.eligibility_rules.get(rule_name)
        if rule is None:
            missing = _("There is no eligibility rule named {name} in the site configuration.")
            reasons.append(missing.format(name=rule_name))
            continue
        reasons.extend(r for r in rule.failures(person, on) if r not in reasons)
    return reasons


def _check_membership(
    db: Session,
    site: Site,
    body: Body,
    term: Term,
    person: Person,
    *,
    role: str,
    college: College | None,
    status: MembershipStatus,
    starts_on: date | None,
    ends_on: date | None,
    membership: Membership | None,
) -> None:
    if term.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "term")
    if college is not None and college.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "college")
    roles = {code for code, _label in kind_of(site, body.kind).role_choices()}
    if role in RESERVED_ROLES or role not in roles:
        raise BodyError(_("Choose among the options shown."), "role")
    if starts_on and ends_on and ends_on < starts_on:
        raise BodyError(_("The end date must be after the start date."), "ends_on")
    duplicate = db.scalar(
        select(Membership.id).where(
            Membership.term_id == term.id,
            Membership.person_id == person.id,
            Membership.id != (membership.id if membership else -1),
        )
    )
    if duplicate:
        raise BodyError(
            _("{name} is already a member for the term {term}.").format(
                name=person.full_name, term=term.label
            ),
            "person",
        )
    takes_seat = college is not None and status in SEAT_HOLDING
    already_holds = (
        membership is not None
        and membership.college_id == (college.id if college else None)
        and membership.term_id == term.id
        and membership.status in SEAT_HOLDING
    )
    if takes_seat and not already_holds:
        assert college is not None
        # Lock the college row so two officials cannot both take its last seat (PostgreSQL);
        # SQLite writers are already serialised by BEGIN IMMEDIATE.
        db.execute(select(College.id).where(College.id == college.id).with_for_update())
        if seats_taken(db, college, term) >= college.seats:
            raise BodyError(
                _("All {seats} seats of {college} are filled for the term {term}.").format(
                    seats=college.seats, college=college.name, term=term.label
                ),
                "college",
            )
    changed_rules = membership is None or membership.college_id != (college.id if college else None)
    if changed_rules:
        failures = eligibility_failures(site, body, person, college, term.starts_on)
        if failures:
            raise BodyError(
                _("{name} does not meet the conditions to sit on {date}: {reasons}").format(
                    name=person.full_name,
                    date=format_date(term.starts_on),
                    reasons=" ".join(failures),
                ),
                "person",
                failures,
            )


def add_member(
    db: Session,
    site: Site,
    body: Body,
    term: Term,
    person: Person,
    *,
    role: str = "member",
    college: College | None = None,
    status: MembershipStatus | str = MembershipStatus.ACTIVE,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    """Seat ``person`` for ``term``; refused beyond the college's seats or when a rule is not met.

    Eligibility (the body's rule and the college's) is checked on the term's start date.
    """
    status = MembershipStatus(status)
    _check_membership(
        db,
        site,
        body,
        term,
        person,
        role=role,
        college=college,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        membership=None,
    )
    membership = Membership(
        body_id=body.id,
        term=term,
        person=person,
        college=college,
        role=role,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    db.add(membership)
    db.flush()
    return membership


def update_member(
    db: Session,
    site: Site,
    membership: Membership,
    *,
    role: str,
    college: College | None,
    status: MembershipStatus | str,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Membership:
    """Change a membership's role, college, status or dates, with the same checks as ``add_member``."""
    status = MembershipStatus(status)
    body = db.get(Body, membership.body_id)
    assert body is not None
    _check_membership(
        db,
        site,
        body,
        membership.term,
        membership.person,
        role=role,
        college=college,
        status=status,
        starts_on=starts_on,
        ends_on=ends_on,
        membership=membership,
    )
    membership.role = role
    membership.college = college
    membership.status = status
    membership.starts_on, membership.ends_on = starts_on, ends_on
    db.flush()
    return membership


def remove_member(db: Session, membership: Membership) -> None:
    """Delete a membership (to keep the history, set its status to "left" instead)."""
    db.delete(membership)
    db.flush()


def members(
    db: Session,
    body: Body,
    term: Term | None = None,
    statuses: Iterable[MembershipStatus] | None = None,
) -> list[Membership]:
    """A body's memberships (of one term, with some statuses), people and colleges loaded, by name."""
    query = (
        select(Membership)
        .join(Person, Person.id == Membership.person_id)
        .options(joinedload(Membership.person), joinedload(Membership.college), joinedload(Membership.term))
        .where(Membership.body_id == body.id)
        .order_by(Person.family_name, Person.given_name, Person.id)
    )
    if term is not None:
        query = query.where(Membership.term_id == term.id)
    if statuses is not None:
        query = query.where(Membership.status.in_(list(statuses)))
    return list(db.scalars(query).unique())


def search_people(db: Session, text: str, limit: int = 20) -> list[Person]:
    """People whose names or e-mail address contain every word of ``text`` (case-insensitive)."""
    words = [w for w in (text or "").split() if w][:5]
    if not words:
        return []
    conditions = []
    for word in words:
        pattern = "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                func.lower(Person.given_name).like(pattern, escape="\\"),
                func.lower(Person.family_name).like(pattern, escape="\\"),
                func.lower(Person.email).like(pattern, escape="\\"),
            )
        )
    query = select(Person).where(and_(*conditions)).order_by(Person.family_name, Person.given_name)
    return list(db.scalars(query.limit(limit)))


# ---------------------------------------------------------------------------
# Groups and meetings
# ---------------------------------------------------------------------------


def _check_kind_code(code: str, choices: Sequence[tuple[str, str]], field: str) -> str:
    if code not in {value for value, _label in choices}:
        raise BodyError(_("Choose among the options shown."), field)
    return code


def add_group(
    db: Session,
    site: Site,
    body: Body,
    *,
    name: str,
    kind: str = "workshop",
    description: str = "",
    open_to_all_members: bool = False,
    term: Term | None = None,
) -> Group:
    """A workshop or working group of the body (kinds are the body kind's group kinds)."""
    name = _required(name, "name")
    kind = _check_kind_code(kind, kind_of(site, body.kind).group_kind_choices(), "kind")
    group = Group(
        body_id=body.id,
        term_id=term.id if term else None,
        slug=unique_slug(db, Group.slug, name, Group.body_id == body.id, fallback="group"),
        kind=kind,
        name=name,
        description=(description or "").strip(),
        open_to_all_members=open_to_all_members,
    )
    db.add(group)
    db.flush()
    return group


def update_group(
    db: Session,
    site: Site,
    group: Group,
    *,
    name: str,
    kind: str,
    description: str = "",
    open_to_all_members: bool = False,
) -> Group:
    group.name = _required(name, "name")
    group.kind = _check_kind_code(kind, kind_of(site, group.body.kind).group_kind_choices(), "kind")
    group.description = (description or "").strip()
    group.open_to_all_members = open_to_all_members
    db.flush()
    return group


def delete_group(db: Session, group: Group) -> None:
    """Remove a group; its meetings stay, without a group."""
    db.delete(group)
    db.flush()


def _check_meeting(
    site: Site,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str,
    group: Group | None,
) -> tuple[str, str]:
    title = _required(title, "title")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("meeting times must be timezone-aware")
    if ends_at <= starts_at:
        raise BodyError(_("The end must be after the start."), "ends_at")
    kind = _check_kind_code(kind, kind_of(site, body.kind).meeting_kind_choices(), "kind")
    if group is not None and group.body_id != body.id:
        raise BodyError(_("Choose among the options shown."), "group")
    return title, kind


def add_meeting(
    db: Session,
    site: Site,
    body: Body,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = "meeting",
    group: Group | None = None,
    place: str = "",
    agenda: str = "",
    public: bool = False,
) -> Meeting:
    """A meeting; times are aware datetimes (stored in UTC), the end after the start."""
    title, kind = _check_meeting(
        site, body, title=title, starts_at=starts_at, ends_at=ends_at, kind=kind, group=group
    )
    meeting = Meeting(
        body_id=body.id,
        body=body,
        group=group,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=(place or "").strip(),
        agenda=(agenda or "").strip(),
        public=public,
    )
    db.add(meeting)
    db.flush()
    return meeting


def update_meeting(
    db: Session,
    site: Site,
    meeting: Meeting,
    *,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    kind: str,
    group: Group | None = None,
    place: str = "",
    agenda: str = "",
    public: bool = False,
) -> Meeting:
    title, kind = _check_meeting(
        site, meeting.body, title=title, starts_at=starts_at, ends_at=ends_at, kind=kind, group=group
    )
    meeting.title, meeting.kind, meeting.group = title, kind, group
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.agenda, meeting.public = (place or "").strip(), (agenda or "").strip(), public
    db.flush()
    return meeting


def delete_meeting(db: Session, meeting: Meeting) -> None:
    db.delete(meeting)
    db.flush()


def meetings(
    db: Session,
    body: Body,
    *,
    include_private: bool = False,
    after: datetime | None = None,
    before: datetime | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> list[Meeting]:
    """A body's meetings in time order; ``after`` keeps those not yet ended."""
    query = select(Meeting).options(joinedload(Meeting.group)).where(Meeting.body_id == body.id)
    if not include_private:
        query = query.where(Meeting.public)
    if after is not None:
        query = query.where(Meeting.ends_at >= after)
    if before is not None:
        query = query.where(Meeting.starts_at < before)
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    query = query.order_by(order, Meeting.id)
    if limit is not None:
        query = query.limit(limit)
    return list(db.scalars(query))


def upcoming_meetings(
    db: Session, body: Body, *, include_private: bool = False, limit: int | None = 10
) -> list[Meeting]:
    return meetings(db, body, include_private=include_private, after=utcnow(), limit=limit)


# ---------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------


def expected_attendees(db: Session, meeting: Meeting) -> list[Membership]:
    """Active members of the meeting's body on its day (every running term), one row per person."""
    day = local(meeting.starts_at).date()
    rows = db.scalars(
        select(Membership)
        .join(Term, Term.id == Membership.term_id)
        .join(Person, Person.id == Membership.person_id)
        .options(joinedload(Membership.person), joinedload(Membership.college), joinedload(Membership.term))
        .where(
            Membership.body_id == meeting.body_id,
            Membership.status == MembershipStatus.ACTIVE,
            Term.starts_on <= day,
            Term.ends_on >= day,
            or_(Membership.starts_on.is_(None), Membership.starts_on <= day),
            or_(Membership.ends_on.is_(None), Membership.ends_on >= day),
        )
        .order_by(Person.family_name, Person.given_name, Person.id, Term.starts_on.desc())
    ).unique()
    seen: set[int] = set()
    result = []
    for membership in rows:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            result.append(membership)
    return result


def attendance_of(db: Session, meeting: Meeting) -> dict[int, AttendanceStatus]:
    """{person id: status} recorded for a meeting."""
    rows = db.execute(
        select(Attendance.person_id, Attendance.status).where(Attendance.meeting_id == meeting.id)
    )
    return dict(rows.all())  # a Result has keys(): dict() needs its list of rows


def record_attendance(
    db: Session, meeting: Meeting, statuses: Mapping[int, AttendanceStatus | str | None]
) -> None:
    """Save the attendance of several people at once ({person id: status}; None forgets a record).

    Only the meeting's expected attendees (and people already recorded) may be listed.
    """
    allowed = {m.person_id for m in expected_attendees(db, meeting)} | set(attendance_of(db, meeting))
    cleaned: dict[int, AttendanceStatus | None] = {}
    for person_id, status in statuses.items():
        if person_id not in allowed:
            raise BodyError(_("This person is not a member of the body on the day of the meeting."))
        try:
            cleaned[person_id] = AttendanceStatus(status) if status else None
        except ValueError:
            raise BodyError(_("Choose among the options shown.")) from None
    recorded = db.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    existing = {a.person_id: a for a in recorded}
    forget = [pid for pid, status in cleaned.items() if status is None and pid in existing]
    if forget:
        db.execute(
            delete(Attendance).where(Attendance.meeting_id == meeting.id, Attendance.person_id.in_(forget))
        )
    for person_id, status in cleaned.items():
        if status is None:
            continue
        if person_id in existing:
            existing[person_id].status = status
        else:
            db.add(Attendance(meeting_id=meeting.id, person_id=person_id, status=status))
    db.flush()
    db.expire(meeting, ["attendance"])
