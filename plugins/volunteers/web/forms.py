"""The organisers' forms: a mission with its schedule, an organisation, a member."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from babel.dates import get_day_names

from parvis.api import (
    BoundForm,
    Field,
    Form,
    Site,
    _,
    check_location,
    current_locale,
    lazy_gettext,
    lazy_word,
    local,
    location_fields,
)
from parvis.plugins.volunteers.catalogue import MissionInput
from parvis.plugins.volunteers.models import Category, EventType, Mission, MissionKind
from parvis.plugins.volunteers.schedule import MAX_SLOTS, one_off, weekly
from parvis.plugins.volunteers.settings import VolunteersSettings
from parvis.plugins.volunteers.themes import theme_choices

MAX_CAPACITY = 10_000


def _weekdays() -> list[tuple[str, str]]:
    names = get_day_names("wide", locale=current_locale.get())
    return [(str(day), names[day].capitalize()) for day in range(7)]


def mission_form(site: Site) -> Form:
    settings: VolunteersSettings = site.settings("volunteers")
    districts = [(d.code, d.name) for d in site.config.districts]
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("description", lazy_gettext("Description"), kind="textarea", max_length=20000),
        Field("theme", lazy_gettext("Theme"), kind="select", choices=lambda: theme_choices(settings)),
        Field(
            "category",
            lazy_gettext("Listed in"),
            kind="radio",
            choices=lambda: [
                (Category.MISSION.value, _("Volunteer missions")),
                (Category.EVENT.value, _("Programme of events")),
            ],
        ),
        Field(
            "event_type",
            lazy_gettext("Kind of event"),
            kind="select",
            required=False,
            choices=EventType.choices,
            help=lazy_gettext("Only for the programme of events."),
        ),
        Field("kind", lazy_gettext("Type of mission"), kind="radio", choices=MissionKind.choices),
        Field(
            "starts_at",
            lazy_gettext("Start"),
            kind="datetime",
            help=lazy_gettext(
                "For a recurring mission, the first session; for a remote one, the start of the period."
            ),
        ),
        Field("ends_at", lazy_gettext("End"), kind="datetime"),
        Field(
            "repeat_until",
            lazy_gettext("Repeat every week until"),
            kind="date",
            required=False,
            help=lazy_gettext("Recurring missions only: one session on each chosen day until this date."),
        ),
        Field(
            "weekdays", lazy_gettext("Days of the week"), kind="checkboxes", required=False, choices=_weekdays
        ),
        Field(
            "capacity",
            lazy_gettext("Places per date"),
            kind="integer",
            min=1,
            max=MAX_CAPACITY,
        ),
        Field("place_name", lazy_gettext("Place"), required=False, max_length=200),
        Field("address", lazy_gettext("Address"), required=False, max_length=300),
        Field("district", lazy_word("district", "Name"), kind="select", required=False, choices=districts),
        *location_fields(),
        Field("min_age", lazy_gettext("Minimum age"), kind="integer", required=False, min=0, max=120),
        Field(
            "prerequisites", lazy_gettext("Prerequisites"), kind="textarea", required=False, max_length=5000
        ),
        Field(
            "skills",
            lazy_gettext("Skills"),
            required=False,
            max_length=500,
            help=lazy_gettext("Separated by commas, for example: cooking, languages, first aid."),
        ),
    )


def mission_input(form: BoundForm) -> MissionInput | None:
    """Check the fields together and build the mission; None (with errors on the form) when invalid."""
    if not form.submitted:
        return None
    values = form.values
    latitude, longitude = check_location(form)
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if starts and ends and ends <= starts:
        form.add_error("ends_at", _("The end must be after the start."))
    kind = values.get("kind")
    occurrences = []
    if starts and ends and ends > starts:
        if kind == MissionKind.RECURRING:
            until = values.get("repeat_until")
            if until is None:
                form.add_error("repeat_until", _("A recurring mission needs the date of its last session."))
            elif ends - starts > timedelta(days=1):
                form.add_error("ends_at", _("A session of a recurring mission lasts at most a day."))
            elif until < local(starts).date():
                form.add_error("repeat_until", _("This date is before the first session."))
            else:
                days = {int(d) for d in values.get("weekdays") or []}
                occurrences = weekly(starts, ends, days, until)
                if len(occurrences) >= MAX_SLOTS:
                    form.add_error(
                        "repeat_until",
                        _("At most {count} sessions: choose an earlier date.").format(count=MAX_SLOTS),
                    )
        else:
            occurrences = one_off(starts, ends)
    category = Category(values["category"]) if values.get("category") else Category.MISSION
    if category == Category.EVENT and not values.get("event_type"):
        form.add_error("event_type", _("Choose the kind of event."))
    if not form.valid:
        return None
    return MissionInput(
        title=values["title"],
        description=values["description"],
        theme=values["theme"],
        kind=MissionKind(str(kind)),
        capacity=values["capacity"],
        occurrences=occurrences,
        category=category,
        event_type=EventType(values["event_type"]) if values.get("event_type") else None,
        place_name=values.get("place_name") or "",
        address=values.get("address") or "",
        district=values.get("district") or None,
        latitude=latitude,
        longitude=longitude,
        min_age=values.get("min_age"),
        prerequisites=values.get("prerequisites") or "",
        skills=(values.get("skills") or "").split(","),
    )


def mission_initial(mission: Mission, capacity: int, until: Any, weekdays: list[str]) -> dict[str, Any]:
    first = mission.slots[0] if mission.slots else None
    return {
        "title": mission.title,
        "description": mission.description,
        "theme": mission.theme,
        "category": mission.category.value,
        "event_type": mission.event_type.value if mission.event_type else None,
        "kind": mission.kind.value,
        "starts_at": first.starts_at if first else None,
        "ends_at": first.ends_at if first else None,
        "repeat_until": until,
        "weekdays": weekdays,
        "capacity": capacity,
        "place_name": mission.place_name,
        "address": mission.address,
        "district": mission.district,
        "latitude": mission.latitude,
        "longitude": mission.longitude,
        "min_age": mission.min_age,
        "prerequisites": mission.prerequisites,
        "skills": mission.skills,
    }


def organisation_form(*, creating: bool = True, with_kind: bool = True) -> Form:
    """The organisation's details. Its address stays fixed once created (links to it are shared),
    and only City officials say whether it is the City itself (``with_kind``)."""
    fields = [Field("name", lazy_gettext("Name"), max_length=200)]
    if creating:
        fields.append(
            Field(
                "slug",
                lazy_gettext("Address of its page"),
                max_length=80,
                help=lazy_gettext("Lower-case letters, digits and hyphens, for example: food-bank-north."),
            )
        )
    if with_kind:
        fields.append(
            Field(
                "kind",
                lazy_gettext("Kind"),
                kind="radio",
                choices=lambda: [("association", _("Association")), ("city", _("The City"))],
            )
        )
    fields += [
        Field("description", lazy_gettext("Description"), kind="textarea", required=False),
        Field("website", lazy_gettext("Website"), required=False, max_length=300),
        Field("email", lazy_gettext("Contact e-mail address"), kind="email", required=False),
    ]
    if creating:
        fields.append(
            Field(
                "admin_email",
                lazy_gettext("E-mail address of its first administrator"),
                kind="email",
                required=False,
                help=lazy_gettext("An existing account; it can then add the organisation's other members."),
            )
        )
    return Form(*fields)


def member_form() -> Form:
    return Form(
        Field("email", lazy_gettext("E-mail address of the account"), kind="email"),
        Field(
            "role",
            lazy_gettext("Role"),
            kind="radio",
            choices=lambda: [
                ("member", _("Member: proposes and runs missions")),
                ("admin", _("Administrator: also manages members")),
            ],
        ),
    )
