"""The Assembly's personal data for the core privacy hooks: declarations, export, erasure, purge.

What links a row to a person is structural only: the account or person of an application, a
member's seat (its pool pseudonym leads to the recruitment answers), workshop registrations,
profile, topic proposals and votes, training enrolments and pay lines. Answers to the
questionnaire of someone never seated are not linked to any account, so they are neither
exported nor erased here (nothing proves they are the same person: matching an e-mail address
would hand a stranger the roll's name and address); the scheduled purge deletes them after the
draw.

Erasure keeps:

- the seat, anonymous and marked vacant (the published draw and the seats it filled stay whole,
  and the seat can be refilled from the reserve);
- topic votes and proposals, without the person (the poll's counts do not change);
- pay lines with the person's name, ``pay_records_years`` after their export: the City's accounts
  must keep them (legal obligation).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from parvis.api import (
    N_,
    Account,
    ExportSection,
    Kept,
    LegalBasis,
    Person,
    PersonalData,
    Retention,
    _,
    format_money,
    lazy_gettext,
    section,
    word,
)
from parvis.api.bodies import College, Group, Meeting, Membership, MembershipStatus, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyDraw,
    AssemblyEnrolment,
    AssemblyGroupMember,
    AssemblyInvitee,
    AssemblyPaymentBatch,
    AssemblyPaymentLine,
    AssemblyProfile,
    AssemblyPromotion,
    AssemblyResponse,
    AssemblySeat,
    AssemblyTopic,
    AssemblyTopicPoll,
    AssemblyTopicVote,
    AssemblyTraining,
    AssemblyTrainingSession,
    DrawKind,
    DrawStatus,
)
from parvis.plugins.assembly.services.common import AssemblyError, settings_of

if TYPE_CHECKING:
    from parvis.api import Site

SERVICE = lazy_gettext("Citizens' Assembly")
OFFICIALS = lazy_gettext("Officials' work")


def declarations(site: Site) -> list[PersonalData]:
    settings = settings_of(site)
    officials = lazy_gettext("The officials running the Assembly; every consultation is logged")
    return [
        PersonalData(
            code="assembly.recruitment",
            service=SERVICE,
            title=lazy_gettext("Letters and answers to the recruitment questionnaire"),
            categories=(
                lazy_gettext("name, date of birth and postal address of the residents drawn from the roll"),
                lazy_gettext("a hash of the response code sent by letter"),
                lazy_gettext(
                    "answers: age band, gender, level of education, {site.district}, {site.neighbourhood}, "
                    "availability, contact"
                ),
            ),
            source=lazy_gettext("The electoral roll, or the list of Citizen Card holders, for the letters"),
            purpose=lazy_gettext(
                "To draw the members by lot so that the Assembly resembles the city, and to contact the "
                "people drawn."
            ),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(
                N_("the draw"),
                days=settings.reserve_days,
                detail=lazy_gettext(
                    "The answers of people not drawn are deleted once the draw is published; the reserve's "
                    "are kept to fill seats that become vacant; those of the members drawn until "
                    "{months} months after the end of their promotion."
                ).format(months=settings.members_data_months),
            ),
            recipients=(officials, lazy_gettext("The public sees only counts and a pseudonymous pool")),
            tables=("assembly_invitee", "assembly_response"),
            order=30,
        ),
        PersonalData(
            code="assembly.applications",
            service=SERVICE,
            title=lazy_gettext("Applications of residents from outside the EU"),
            categories=(
                lazy_gettext(
                    "date of birth, nationality, gender, {site.district}, {site.neighbourhood}, availability"
                ),
                lazy_gettext("motivation, and whether the application met the conditions"),
            ),
            purpose=lazy_gettext("To draw by lot the Assembly's members from outside the European Union."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the draw"), days=settings.reserve_days),
            recipients=(officials,),
            tables=("assembly_application",),
            order=31,
        ),
        PersonalData(
            code="assembly.members",
            service=SERVICE,
            title=lazy_gettext("Members' life in the Assembly"),
            categories=(
                lazy_gettext("your seat (college, pseudonym in the draw) and the answers that got you drawn"),
                lazy_gettext("workshops you joined, your profile for the other members"),
                lazy_gettext("topics you proposed and your vote on the workshop topics"),
                lazy_gettext("training sessions you enrolled in"),
            ),
            purpose=lazy_gettext("To run the Assembly's work with its members."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the end of the promotion"), months=settings.members_data_months),
            recipients=(lazy_gettext("The other members of your promotion and the officials running it"),),
            tables=(
                "assembly_group_member",
                "assembly_profile",
                "assembly_topic",
                "assembly_topic_vote",
                "assembly_enrolment",
            ),
            order=32,
        ),
        PersonalData(
            code="assembly.pay",
            service=SERVICE,
            title=lazy_gettext("Compensation of members"),
            categories=(lazy_gettext("half-days of attendance and the amounts paid, per period"),),
            purpose=lazy_gettext("To compensate members for their attendance."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("the payment"), years=settings.pay_records_years),
            recipients=(lazy_gettext("The City's finance department"),),
            tables=("assembly_payment_line",),
            order=33,
        ),
        PersonalData(
            code="assembly.officials",
            service=OFFICIALS,
            title=lazy_gettext("Officials' names on the Assembly's work"),
            categories=(
                lazy_gettext(
                    "which account created a promotion or a rate, imported a list, ran a draw, "
                    "exported payments"
                ),
            ),
            purpose=lazy_gettext("To know who did what in the back office."),
            legal_basis=LegalBasis.PUBLIC_TASK,
            retention=Retention(N_("the official's account is deleted")),
            recipients=(lazy_gettext("The City's officials and administrators who run the site"),),
            tables=(
                "assembly_promotion",
                "assembly_rate",
                "assembly_import",
                "assembly_draw",
                "assembly_payment_batch",
            ),
            order=97,
        ),
    ]


# -- what links to the person -------------------------------------------------------------------


def _seats(db: Session, person: Person | None) -> list[tuple[AssemblySeat, Membership, str, str]]:
    if person is None:
        return []
    rows = db.execute(
        select(AssemblySeat, Membership, Term.label, College.name)
        .join(Membership, Membership.id == AssemblySeat.membership_id)
        .join(Term, Term.id == Membership.term_id)
        .outerjoin(College, College.id == Membership.college_id)
        .where(Membership.person_id == person.id)
        .order_by(Term.starts_on, AssemblySeat.id)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _answers(db: Session, seats: list[AssemblySeat]) -> list[tuple[AssemblyResponse, AssemblyInvitee]]:
    if not seats:
        return []
    conditions = [
        (AssemblyResponse.promotion_id == s.promotion_id) & (AssemblyResponse.pool_id == s.pool_id)
        for s in seats
    ]
    rows = db.execute(
        select(AssemblyResponse, AssemblyInvitee)
        .join(AssemblyInvitee, AssemblyInvitee.id == AssemblyResponse.invitee_id)
        .where(or_(*conditions))
        .order_by(AssemblyResponse.answered_at)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _applications(account: Account | None, person: Person | None) -> Any:
    conditions = []
    if account is not None:
        conditions.append(AssemblyApplication.account_id == account.id)
    if person is not None:
        conditions.append(AssemblyApplication.person_id == person.id)
    return or_(*conditions) if conditions else None


# -- export -------------------------------------------------------------------------------------


def export(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> list[ExportSection | None]:
    seats = _seats(db, person)
    sections: list[ExportSection | None] = [
        section(
            "assembly.seats",
            _("Citizens' Assembly: your seats"),
            [
                ("promotion", _("Promotion")),
                ("college", _("College")),
                ("pool_id", _("Pseudonym in the draw")),
                ("status", _("Status")),
                ("vacated_at", _("Left")),
            ],
            (
                {
                    "promotion": promotion,
                    "college": college,
                    "pool_id": seat.pool_id,
                    "status": membership.status.value,
                    "vacated_at": seat.vacated_at,
                }
                for seat, membership, promotion, college in seats
            ),
        ),
        section(
            "assembly.answers",
            _("Citizens' Assembly: the letter you received and your answers"),
            [
                ("given_name", _("Given name")),
                ("family_name", _("Family name")),
                ("birth_date", _("Date of birth")),
                ("address", _("Address")),
                ("email", _("E-mail address")),
                ("letter_at", _("Letter sent")),
                ("answered_at", _("Answered")),
                ("resident", _("Lives in the city")),
                ("age_band", _("Age")),
                ("gender", _("Gender")),
                ("education", _("Education")),
                ("district", word("district", "Name")),
                ("neighbourhood", word("neighbourhood", "Name")),
                ("availability", _("Availability")),
                ("contact", _("Contact")),
            ],
            (
                {
                    "given_name": invitee.given_name,
                    "family_name": invitee.family_name,
                    "birth_date": invitee.birth_date,
                    "address": ", ".join(
                        p for p in (invitee.address, f"{invitee.postcode} {invitee.city}".strip()) if p
                    ),
                    "email": invitee.email,
                    "letter_at": invitee.letter_at,
                    "answered_at": response.answered_at,
                    "resident": response.resident,
                    "age_band": response.age_band,
                    "gender": response.gender,
                    "education": response.education,
                    "district": response.district,
                    "neighbourhood": response.neighbourhood,
                    "availability": response.availability,
                    "contact": response.contact,
                }
                for response, invitee in _answers(db, [s for s, *_rest in seats])
            ),
            note=_("The response code is not shown: the site keeps only a hash of it."),
        ),
    ]
    condition = _applications(account, person)
    if condition is not None:
        applications = db.execute(
            select(AssemblyApplication, Term.label)
            .join(AssemblyPromotion, AssemblyPromotion.id == AssemblyApplication.promotion_id)
            .join(Term, Term.id == AssemblyPromotion.term_id)
            .where(condition)
            .order_by(AssemblyApplication.submitted_at)
        )
        sections.append(
            section(
                "assembly.applications",
                _("Citizens' Assembly: your applications"),
                [
                    ("promotion", _("Promotion")),
                    ("submitted_at", _("Sent")),
                    ("birth_date", _("Date of birth")),
                    ("nationality", _("Nationality")),
                    ("gender", _("Gender")),
                    ("district", word("district", "Name")),
                    ("neighbourhood", word("neighbourhood", "Name")),
                    ("availability", _("Availability")),
                    ("motivation", _("Motivation")),
                    ("eligible", _("Meets the conditions")),
                    ("reasons", _("Conditions not met")),
                ],
                (
                    {
                        "promotion": label,
                        "submitted_at": a.submitted_at,
                        "birth_date": a.birth_date,
                        "nationality": a.nationality,
                        "gender": a.gender,
                        "district": a.district,
                        "neighbourhood": a.neighbourhood,
                        "availability": a.availability,
                        "motivation": a.motivation,
                        "eligible": a.eligible,
                        "reasons": [str(r) for r in a.reasons or []],
                    }
                    for a, label in applications
                ),
            )
        )
    if person is not None:
        sections += _member_life(db, site, person)
    return sections


def _member_life(db: Session, site: Site, person: Person) -> list[ExportSection | None]:
    workshops = db.execute(
        select(Group.name, AssemblyGroupMember.joined_at)
        .join(Group, Group.id == AssemblyGroupMember.group_id)
        .where(AssemblyGroupMember.person_id == person.id)
        .order_by(AssemblyGroupMember.joined_at)
    )
    profile = db.get(AssemblyProfile, person.id)
    proposed = db.scalars(
        select(AssemblyTopic).where(AssemblyTopic.proposed_by_id == person.id).order_by(AssemblyTopic.id)
    )
    votes = db.execute(
        select(Group.name, AssemblyTopic.title, AssemblyTopicVote.cast_at)
        .join(AssemblyTopic, AssemblyTopic.id == AssemblyTopicVote.topic_id)
        .join(AssemblyTopicPoll, AssemblyTopicPoll.id == AssemblyTopicVote.poll_id)
        .join(Group, Group.id == AssemblyTopicPoll.group_id)
        .where(AssemblyTopicVote.person_id == person.id)
        .order_by(AssemblyTopicVote.cast_at)
    )
    enrolments = db.execute(
        select(AssemblyTraining.title, Meeting.starts_at, AssemblyEnrolment.enrolled_at)
        .join(AssemblyTrainingSession, AssemblyTrainingSession.id == AssemblyEnrolment.session_id)
        .join(AssemblyTraining, AssemblyTraining.id == AssemblyTrainingSession.training_id)
        .join(Meeting, Meeting.id == AssemblyTrainingSession.meeting_id)
        .where(AssemblyEnrolment.person_id == person.id)
        .order_by(Meeting.starts_at)
    )
    pay = db.execute(
        select(AssemblyPaymentLine, AssemblyPaymentBatch.exported_at)
        .join(AssemblyPaymentBatch, AssemblyPaymentBatch.id == AssemblyPaymentLine.batch_id)
        .where(AssemblyPaymentLine.person_id == person.id)
        .order_by(AssemblyPaymentLine.period_start, AssemblyPaymentLine.id)
    )
    return [
        section(
            "assembly.workshops",
            _("Citizens' Assembly: workshops you joined"),
            [("workshop", _("Workshop")), ("joined_at", _("Joined"))],
            ({"workshop": name, "joined_at": at} for name, at in workshops),
        ),
        section(
            "assembly.profile",
            _("Citizens' Assembly: your profile for the other members"),
            [
                ("bio", _("About you")),
                ("show_email", _("E-mail address shown")),
                ("updated_at", _("Last changed")),
            ],
            [{"bio": profile.bio, "show_email": profile.show_email, "updated_at": profile.updated_at}]
            if profile is not None
            else [],
        ),
        section(
            "assembly.topics",
            _("Citizens' Assembly: topics you proposed"),
            [
                ("title", _("Topic")),
                ("description", _("Description")),
                ("admissible", _("Admissible")),
                ("review_note", _("Official's note")),
                ("chosen", _("Chosen")),
            ],
            (
                {
                    "title": t.title,
                    "description": t.description,
                    "admissible": t.admissible,
                    "review_note": t.review_note,
                    "chosen": t.chosen,
                }
                for t in proposed
            ),
        ),
        section(
            "assembly.topic_votes",
            _("Citizens' Assembly: your votes on workshop topics"),
            [("workshop", _("Workshop")), ("topic", _("Your vote")), ("cast_at", _("When"))],
            ({"workshop": g, "topic": t, "cast_at": at} for g, t, at in votes),
        ),
        section(
            "assembly.trainings",
            _("Citizens' Assembly: training sessions"),
            [("training", _("Training")), ("starts_at", _("Session")), ("enrolled_at", _("Enrolled"))],
            ({"training": t, "starts_at": s, "enrolled_at": e} for t, s, e in enrolments),
        ),
        section(
            "assembly.pay",
            _("Citizens' Assembly: compensation"),
            [
                ("period_start", _("Period")),
                ("half_days", _("Half-days")),
                ("amount", _("Amount")),
                ("exported_at", _("Sent for payment")),
            ],
            (
                {
                    "period_start": line.period_start,
                    "half_days": line.half_days,
                    "amount": format_money(line.cents),
                    "exported_at": exported,
                }
                for line, exported in pay
            ),
        ),
    ]


# -- erasure ------------------------------------------------------------------------------------


def kept(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    if person is None:
        return []
    settings = settings_of(site)
    found = []
    if _seats(db, person):
        found.append(
            Kept(
                what=_("Your seat in the Citizens' Assembly, without your name"),
                why=_(
                    "The published draw and the seats it filled stay whole; your seat is marked vacant so "
                    "that it can be filled from the reserve."
                ),
                until=Retention(N_("the body's records are archived")).describe(),
            )
        )
    voted = db.scalar(select(func.count()).where(AssemblyTopicVote.person_id == person.id))
    proposed = db.scalar(select(func.count()).where(AssemblyTopic.proposed_by_id == person.id))
    if voted or proposed:
        found.append(
            Kept(
                what=_("Your votes on workshop topics and the topics you proposed, without your name"),
                why=_("The workshops' choice of topics stays as it was voted."),
            )
        )
    if db.scalar(select(func.count()).where(AssemblyPaymentLine.person_id == person.id)):
        found.append(
            Kept(
                what=_("Your pay records (periods, half-days, amounts) with your name"),
                why=_(
                    "The City's accounts must keep the records of what it paid (legal obligation). Nothing "
                    "else about you is kept with them."
                ),
                until=Retention(N_("the payment"), years=settings.pay_records_years).describe(),
                tables=("assembly_payment_line",),
                keeps_name=True,
            )
        )
    return found


def erase(db: Session, site: Site, account: Account | None, person: Person | None) -> list[Kept]:
    found = kept(db, site, account, person)
    condition = _applications(account, person)
    if condition is not None:
        db.execute(delete(AssemblyApplication).where(condition).execution_options(synchronize_session=False))
    if person is None:
        return found
    now = site.now()
    seats = _seats(db, person)
    for seat, membership, _promotion, _college in seats:
        if (
            membership.status in (MembershipStatus.ACTIVE, MembershipStatus.INVITED)
            and seat.vacated_at is None
        ):
            seat.vacated_at = now
    invitees = [invitee.id for _response, invitee in _answers(db, [s for s, *_rest in seats])]
    if invitees:  # their answers go with them (ON DELETE CASCADE)
        db.execute(
            delete(AssemblyInvitee)
            .where(AssemblyInvitee.id.in_(invitees))
            .execution_options(synchronize_session=False)
        )
    for model in (AssemblyGroupMember, AssemblyProfile, AssemblyEnrolment):
        db.execute(
            delete(model).where(model.person_id == person.id).execution_options(synchronize_session=False)
        )
    db.execute(
        update(AssemblyTopic)
        .where(AssemblyTopic.proposed_by_id == person.id)
        .values(proposed_by_id=None)
        .execution_options(synchronize_session=False)
    )
    db.execute(
        update(AssemblyTopicVote)
        .where(AssemblyTopicVote.person_id == person.id)
        .values(person_id=None)
        .execution_options(synchronize_session=False)
    )
    db.flush()
    return found


# -- retention ----------------------------------------------------------------------------------


def _months(n: int) -> timedelta:
    return timedelta(days=round(30.44 * n))


def purge(db: Session, site: Site, now: datetime) -> dict[str, int]:
    """After each selection draw: the answers of people not drawn (once the draw is published, or
    at the latest when the reserve's time is over), then the reserve's; the members' recruitment
    answers ``members_data_months`` after their promotion; pay lines after ``pay_records_years``."""
    from parvis.plugins.assembly.services import privacy

    settings = settings_of(site)
    counts = {
        "assembly.answers": 0,
        "assembly.applications": 0,
        "assembly.invitees": 0,
        "assembly.pay_lines": 0,
    }
    today = now.date()
    draws = db.scalars(
        select(AssemblyDraw).where(AssemblyDraw.kind != DrawKind.PREDRAW, AssemblyDraw.drawn_at.is_not(None))
    ).all()
    for draw in draws:
        reserve_over = today > draw.drawn_at.date() + timedelta(days=settings.reserve_days)  # type: ignore[union-attr]
        if draw.status != DrawStatus.PUBLISHED and not reserve_over:
            continue
        promotion = db.get(AssemblyPromotion, draw.promotion_id)
        if promotion is None or not privacy.personal_rows_left(db, promotion, draw.college):
            continue
        try:
            deleted = privacy.purge(db, site, promotion, draw.college)
        except AssemblyError:
            continue
        for key, n in deleted.items():
            counts[f"assembly.{key}"] += n
    ended = db.scalars(
        select(AssemblyPromotion)
        .join(Term, Term.id == AssemblyPromotion.term_id)
        .where(Term.ends_on < today - _months(settings.members_data_months))
    ).all()
    for promotion in ended:
        for key, model in (
            ("assembly.applications", AssemblyApplication),
            ("assembly.invitees", AssemblyInvitee),  # their answers go with them
        ):
            result = db.execute(
                delete(model)
                .where(model.promotion_id == promotion.id)
                .execution_options(synchronize_session=False)
            )
            counts[key] += int(getattr(result, "rowcount", 0) or 0)
    old_batches = select(AssemblyPaymentBatch.id).where(
        AssemblyPaymentBatch.exported_at < now - timedelta(days=round(365.25 * settings.pay_records_years))
    )
    result = db.execute(
        delete(AssemblyPaymentLine)
        .where(AssemblyPaymentLine.batch_id.in_(old_batches))
        .execution_options(synchronize_session=False)
    )
    counts["assembly.pay_lines"] = int(getattr(result, "rowcount", 0) or 0)
    db.expire_all()
    return counts
