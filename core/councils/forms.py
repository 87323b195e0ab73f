"""The councils' forms: the common part of the application form and the officials' forms."""

from __future__ import annotations

from collections.abc import Sequence

from parvis.councils.models import ReferralOrigin, ReferralStatus
from parvis.i18n import _, lazy_gettext
from parvis.identity import Gender
from parvis.web.forms import Field, Form

APPLICATION = Form(
    Field("given_name", lazy_gettext("Given name"), max_length=120, autocomplete="given-name"),
    Field("family_name", lazy_gettext("Family name"), max_length=120, autocomplete="family-name"),
    Field("birth_date", lazy_gettext("Date of birth"), kind="date", autocomplete="bday"),
    Field("gender", lazy_gettext("Gender"), kind="radio", choices=Gender.choices),
)

APPLICATION_END = (
    Field(
        "motivation",
        lazy_gettext("Why do you want to take part?"),
        kind="textarea",
        required=False,
        max_length=3000,
        help=lazy_gettext("Optional: a few lines. The draw does not depend on it."),
    ),
    Field(
        "consent",
        lazy_gettext("I agree that the City keeps my application and my details for the draw"),
        kind="checkbox",
    ),
)


def application_form(extra: Sequence[Field]) -> Form:
    """The common questions, the council's own, then the motivation and consent."""
    return APPLICATION.extend(*extra, *APPLICATION_END)


CALL = Form(
    Field("title", lazy_gettext("Title"), max_length=200),
    Field("term", lazy_gettext("Term the drawn applicants will sit in"), kind="select", choices=()),
    Field("opens_on", lazy_gettext("Applications open on"), kind="date"),
    Field("closes_on", lazy_gettext("Applications close on"), kind="date"),
    Field("description", lazy_gettext("Description"), kind="textarea", required=False, max_length=5000),
)


def call_form(terms: Sequence[tuple[str, str]]) -> Form:
    fields = [
        Field(f.name, f.label, kind="select", choices=list(terms)) if f.name == "term" else f
        for f in CALL.fields
    ]
    return Form(*fields)


REVIEW = Form(
    Field(
        "decision",
        lazy_gettext("Decision"),
        kind="radio",
        choices=lambda: [("admit", _("Admissible: enters the draw")), ("reject", _("Not admissible"))],
    ),
    Field(
        "note",
        lazy_gettext("Note to the applicant"),
        kind="textarea",
        required=False,
        max_length=2000,
        help=lazy_gettext("Required when the application is not admissible: say why."),
    ),
)

DRAW = Form(
    Field(
        "public_inputs",
        lazy_gettext("Public values of the draw"),
        max_length=300,
        help=lazy_gettext(
            "Values announced before the draw and unknown in advance, for example the numbers of a "
            "dated national lottery draw. Anyone can then re-run the draw and find the same result."
        ),
    ),
)

REFERRAL = Form(
    Field("origin", lazy_gettext("Origin"), kind="radio", choices=ReferralOrigin.choices),
    Field("title", lazy_gettext("Topic"), max_length=300),
    Field("received_on", lazy_gettext("Received on"), kind="date"),
    Field("description", lazy_gettext("Description"), kind="textarea", required=False, max_length=5000),
)


def referral_status_form(
    decisions: Sequence[tuple[str, str]], statuses: Sequence[tuple[str, str]] | None = None
) -> Form:
    """Where a referral stands (``statuses``: the workflow's states, ``lifecycle.state_choices``)."""
    return Form(
        Field(
            "status",
            lazy_gettext("Status"),
            kind="select",
            choices=list(statuses) if statuses is not None else ReferralStatus.choices,
        ),
        Field(
            "decision", lazy_gettext("Answered by"), kind="select", required=False, choices=list(decisions)
        ),
    )


GUEST = Form(
    Field("name", lazy_gettext("Guest's name"), max_length=200),
    Field("organisation", lazy_gettext("Organisation"), required=False, max_length=200),
    Field("topic", lazy_gettext("Topic of the hearing"), required=False, max_length=300),
)

HEARING = Form(
    Field("title", lazy_gettext("Title"), max_length=200),
    Field("starts_at", lazy_gettext("Starts at"), kind="datetime"),
    Field("ends_at", lazy_gettext("Ends at"), kind="datetime"),
    Field("place", lazy_gettext("Place"), required=False, max_length=300),
    Field("agenda", lazy_gettext("Agenda"), kind="textarea", required=False, max_length=5000),
    Field("public", lazy_gettext("Public hearing"), kind="checkbox", required=False),
    *GUEST.fields,
)

MINUTES = Form(Field("minutes", lazy_gettext("Minutes"), kind="textarea", required=False, max_length=50000))
