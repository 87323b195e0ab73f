"""Terms of a body: their dates never overlap; the current and default term."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.bodies.models import (
    Body,
    Membership,
    Term,
)
from parvis.bodies.services.common import BodyError, _required
from parvis.i18n import _


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
