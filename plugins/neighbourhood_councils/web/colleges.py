"""What the public pages show of a council's colleges: the college a resident chooses when joining,
and each college's seats filled out of its total (with the link to its latest draw)."""

from __future__ import annotations

from typing import Any

from parvis.api import DB, Field, Form, _, lazy_gettext
from parvis.api.sortition import draw_url
from parvis.plugins.neighbourhood_councils import colleges
from parvis.plugins.neighbourhood_councils.models import Council, Filling


def college_choices(db: DB, council: Council) -> list[tuple[str, str]] | None:
    """The colleges a resident may join (None for a council without them: the form is unchanged)."""
    found = colleges.open_to_residents(db, council)
    if not found:
        return None
    return [("", _("None: I join the assembly"))] + [
        (
            str(c.id),
            _("{college} (volunteer for the draw by lot)").format(college=c.name)
            if c.filling == Filling.LOT
            else c.name,
        )
        for c in found
    ]


def college_field(choices: list[tuple[str, str]] | None) -> list[Field]:
    if choices is None:
        return []
    return [
        Field(
            "college",
            lazy_gettext("College"),
            kind="radio",
            required=False,
            choices=choices,
            help=lazy_gettext(
                "Some colleges draw their seats by lot among their volunteers; the others join the reserve."
            ),
        )
    ]


def colleges_context(db: DB, council: Council) -> dict[str, Any]:
    seats = colleges.summary(db, council)
    draws = {}
    for line in seats:
        if line.college.filling == Filling.LOT:
            entry = colleges.latest_draw(db, council, line.college)
            if entry is not None:
                draws[line.college.id] = draw_url(entry)
    return {
        "college_seats": seats,
        "college_draws": draws,
    }


# -- Back office -------------------------------------------------------------------------------


def college_form() -> Form:
    """Its fields' names are prefixed: the council's page has other forms (ids are unique)."""
    return Form(
        Field("college_name", lazy_gettext("Name of the college"), max_length=200),
        Field("college_seats", lazy_gettext("Seats"), kind="integer", min=1, max=500),
        Field(
            "college_filling",
            lazy_gettext("How its seats are filled"),
            kind="select",
            choices=Filling.choices,
        ),
    )


def college_draw_form() -> Form:
    return Form(
        Field(
            "public_input",
            lazy_gettext("Public input of the draw"),
            max_length=200,
            help=lazy_gettext(
                "A value announced before the draw (a lottery result): anyone can check the draw with it."
            ),
        ),
    )


def designate_form(choices: list[tuple[str, str]]) -> Form:
    return Form(Field("member", lazy_gettext("Member"), kind="select", choices=choices))


def admin_forms() -> dict[str, Any]:
    """The back office's college forms, unbound (a refused one replaces its own)."""
    return {
        "college_form": college_form().bind(),
        "college_draw_form": college_draw_form().bind(),
        "college_refused": None,  # the college whose draw or designation was refused
    }
