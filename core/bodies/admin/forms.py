"""The back office's forms for bodies and their terms, colleges, members, groups and meetings.

Built per request where their choices come from the body's kind or the site's configuration."""

from __future__ import annotations

from typing import Any

from parvis.bodies.kinds import BodyKind
from parvis.bodies.models import Body, FillMethod, MembershipStatus
from parvis.i18n import lazy_gettext
from parvis.web.forms import Field, Form


def _rule_choices(site: Any, current: str | None = None) -> list[tuple[str, str]]:
    names = sorted(site.eligibility_rules)
    if current and current not in names:
        names.append(current)
    return [(name, name) for name in names]


def body_form(site: Any, *, creating: bool, current_rule: str | None = None) -> Form:
    fields = [
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("description", lazy_gettext("Description"), kind="textarea", required=False),
    ]
    if creating:
        kinds = [(code, str(kind.label)) for code, kind in sorted(site.body_kinds.items())]
        fields.insert(
            0,
            Field(
                "kind",
                lazy_gettext("Kind of body"),
                kind="select",
                choices=kinds,
                help=lazy_gettext("The body starts with the colleges this kind declares."),
            ),
        )
    else:
        fields += [
            Field(
                "active", lazy_gettext("Active (shown on the public pages)"), kind="checkbox", required=False
            ),
            Field(
                "eligibility",
                lazy_gettext("Eligibility rule for every member"),
                kind="select",
                required=False,
                choices=_rule_choices(site, current_rule),
                help=lazy_gettext("A rule of the site configuration; each college may add its own."),
            ),
        ]
    return Form(*fields)


TERM_FORM = Form(
    Field(
        "label",
        lazy_gettext("Label"),
        max_length=40,
        help=lazy_gettext("For example 2025-26; unique in the body."),
    ),
    Field("starts_on", lazy_gettext("Start date"), kind="date"),
    Field("ends_on", lazy_gettext("End date"), kind="date"),
)


def college_form(site: Any, current_rule: str | None = None) -> Form:
    return Form(
        Field("code", lazy_gettext("Code"), max_length=32, help=lazy_gettext("A short code, for example a.")),
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("seats", lazy_gettext("Seats"), kind="integer", min=0, max=100_000),
        Field(
            "fill_method",
            lazy_gettext("How seats are filled"),
            kind="select",
            choices=FillMethod.choices,
        ),
        Field(
            "eligibility",
            lazy_gettext("Eligibility rule"),
            kind="select",
            required=False,
            choices=_rule_choices(site, current_rule),
        ),
    )


def _status_choices() -> list[tuple[str, str]]:
    return MembershipStatus.choices()


def member_form(body: Body, kind: BodyKind, *, adding: bool) -> Form:
    fields = [
        Field("role", lazy_gettext("Role"), kind="select", choices=kind.role_choices()),
        Field(
            "college",
            lazy_gettext("College"),
            kind="select",
            required=False,
            choices=[(str(c.id), c.name) for c in body.colleges],
        ),
        Field("status", lazy_gettext("Status"), kind="select", choices=_status_choices),
        Field("starts_on", lazy_gettext("Sits from"), kind="date", required=False),
        Field("ends_on", lazy_gettext("Sits until"), kind="date", required=False),
    ]
    if adding:
        fields = [
            Field("person", lazy_gettext("Person"), required=False, max_length=40),
            Field(
                "term",
                lazy_gettext("Term"),
                kind="select",
                choices=[(str(t.id), t.label) for t in body.terms],
            ),
            *fields,
        ]
    return Form(*fields)


def group_form(kind: BodyKind) -> Form:
    return Form(
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("kind", lazy_gettext("Kind of group"), kind="select", choices=kind.group_kind_choices()),
        Field("description", lazy_gettext("Description"), kind="textarea", required=False),
        Field(
            "open_to_all_members",
            lazy_gettext("Open to all members without registration"),
            kind="checkbox",
            required=False,
        ),
    )


def meeting_form(body: Body, kind: BodyKind) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("kind", lazy_gettext("Kind of meeting"), kind="select", choices=kind.meeting_kind_choices()),
        Field(
            "group",
            lazy_gettext("Group"),
            kind="select",
            required=False,
            choices=[(str(g.id), g.name) for g in body.groups],
        ),
        Field(
            "starts_at",
            lazy_gettext("Starts at"),
            kind="datetime",
            help=lazy_gettext("Local time of the city."),
        ),
        Field("ends_at", lazy_gettext("Ends at"), kind="datetime"),
        Field("place", lazy_gettext("Place"), required=False, max_length=300),
        Field("agenda", lazy_gettext("Agenda"), kind="textarea", required=False),
        Field("public", lazy_gettext("Public meeting (shown to everyone)"), kind="checkbox", required=False),
    )
