"""The forms of the decision pages (officials' back office, members' ballots)."""

from __future__ import annotations

from collections.abc import Sequence

from parvis.decisions.models import BallotChoice, CouncilOutcome, FollowUpStatus
from parvis.i18n import lazy_gettext
from parvis.web.forms import Field, Form


def decision_form(
    terms: Sequence[tuple[str, str]], types: Sequence[tuple[str, str]], groups: Sequence[tuple[str, str]] = ()
) -> Form:
    """Creating a decision: the term implies the body ("Citizens' Assembly — 2024-25")."""
    return Form(
        Field("term", lazy_gettext("Body and term"), kind="select", choices=list(terms)),
        Field("type", lazy_gettext("Type of decision"), kind="select", choices=list(types)),
        Field(
            "group",
            lazy_gettext("Workshop"),
            kind="select",
            required=False,
            choices=list(groups),
            help=lazy_gettext("The workshop or working group that wrote it, if any."),
        ),
        *EDIT.fields,
    )


EDIT = Form(
    Field("title", lazy_gettext("Title"), max_length=300),
    Field(
        "reference",
        lazy_gettext("Reference"),
        required=False,
        max_length=60,
        help=lazy_gettext("The body's own numbering, for example AC-2024-03."),
    ),
    Field("topic", lazy_gettext("Topic"), required=False, max_length=100),
    Field("summary", lazy_gettext("Summary"), kind="textarea", required=False, max_length=2000),
    Field("text", lazy_gettext("Full text"), kind="textarea", required=False, max_length=50000),
)

TRANSITION = Form(
    Field("to", lazy_gettext("Next step"), max_length=64),
    Field("note", lazy_gettext("Note for the history"), kind="textarea", required=False, max_length=2000),
)

COUNCIL_VOTE = Form(
    Field("session_on", lazy_gettext("Date of the Council session"), kind="date"),
    Field("outcome", lazy_gettext("Outcome"), kind="radio", choices=CouncilOutcome.choices),
    Field(
        "council_reference",
        lazy_gettext("Reference of the deliberation"),
        required=False,
        max_length=80,
        help=lazy_gettext("As published in the Council's official bulletin, for example 2024 DDCT 85."),
    ),
    Field("votes_for", lazy_gettext("Votes for"), kind="integer", required=False, min=0, max=10000),
    Field("votes_against", lazy_gettext("Votes against"), kind="integer", required=False, min=0, max=10000),
    Field("abstentions", lazy_gettext("Abstentions"), kind="integer", required=False, min=0, max=10000),
)

FOLLOWUP = Form(
    Field("response", lazy_gettext("The City's response"), kind="textarea", required=False, max_length=20000),
    Field("response_on", lazy_gettext("Date of the response"), kind="date", required=False),
    Field("department", lazy_gettext("Responsible department"), required=False, max_length=200),
    Field("elected_official", lazy_gettext("Elected official in charge"), required=False, max_length=200),
    Field("status", lazy_gettext("Status"), kind="select", choices=FollowUpStatus.choices),
    Field("progress", lazy_gettext("Progress (%)"), kind="integer", min=0, max=100),
    Field("expected_on", lazy_gettext("Expected completion"), kind="date", required=False),
    Field(
        "note",
        lazy_gettext("What changed (published in the history)"),
        kind="textarea",
        required=False,
        max_length=5000,
    ),
)

# Prefixed names: this form shares its page with the follow-up form (field ids must be unique).
MILESTONE = Form(
    Field("milestone_title", lazy_gettext("Milestone"), max_length=300),
    Field("milestone_planned_on", lazy_gettext("Planned for"), kind="date", required=False),
    Field("milestone_done_on", lazy_gettext("Done on"), kind="date", required=False),
)

BALLOT = Form(Field("choice", lazy_gettext("Your vote"), kind="radio", choices=BallotChoice.choices))


def review_form(choices: Sequence[tuple[str, str]]) -> Form:
    return Form(
        Field("title", lazy_gettext("Title of the meeting"), max_length=200),
        Field("starts_at", lazy_gettext("Start"), kind="datetime"),
        Field("ends_at", lazy_gettext("End"), kind="datetime"),
        Field("place", lazy_gettext("Place"), required=False, max_length=300),
        Field(
            "decisions", lazy_gettext("Recommendations reviewed"), kind="checkboxes", choices=list(choices)
        ),
        Field("minutes", lazy_gettext("Minutes"), kind="textarea", required=False, max_length=20000),
    )
