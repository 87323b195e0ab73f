"""The Assembly's forms (built per request when their choices depend on the site)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from parvis.api import Field, Form, _, lazy_gettext
from parvis.plugins.assembly.services.common import settings_of
from parvis.plugins.assembly.settings import ROLL, YOUNG

if TYPE_CHECKING:
    from parvis.api import Site

YES_NO = [("yes", lazy_gettext("Yes")), ("no", lazy_gettext("No"))]
GENDERS = [
    ("woman", lazy_gettext("Woman")),
    ("man", lazy_gettext("Man")),
    ("other", lazy_gettext("Other, or I prefer not to say")),
]

CODE = Form(
    Field(
        "code",
        lazy_gettext("Your personal code"),
        max_length=40,
        autocomplete="off",
        help=lazy_gettext("It is printed on your letter, for example ABCD-EFGH-JKMN-PQRS."),
    )
)

SEAT = Form(
    Field("code", lazy_gettext("Your personal code"), max_length=40, autocomplete="off"),
    Field(
        "choice",
        lazy_gettext("Your answer"),
        kind="radio",
        choices=[
            ("accept", lazy_gettext("I accept my seat in the Citizens' Assembly")),
            ("decline", lazy_gettext("I decline my seat")),
        ],
    ),
)


def titled(title: Any, description: Any) -> Form:
    """A title and an optional description (their labels, translated lazily): a topic, a
    member's proposal, a training."""
    return Form(
        Field("title", title, max_length=200),
        Field("description", description, kind="textarea", required=False),
    )


TOPIC = titled(lazy_gettext("Topic"), lazy_gettext("Description"))
PROPOSAL = titled(lazy_gettext("Topic"), lazy_gettext("Why this topic?"))
TRAINING = titled(lazy_gettext("Title"), lazy_gettext("Description"))


def _districts(site: Site) -> list[tuple[str, str]]:
    return [(d.code, d.name) for d in site.config.districts]


def _hoods(site: Site) -> list[tuple[str, str]]:
    return [(n.code, n.name) for n in site.config.neighbourhoods]


def answers_form(site: Site, college_code: str) -> Form:
    """The questionnaire (college A) or the information form (college C): the minimal fields."""
    settings = settings_of(site)
    fields = [
        Field("resident", _("Do you live {site.city:in}?"), kind="radio", choices=YES_NO),
    ]
    if college_code == ROLL:
        fields.append(
            Field(
                "age_band",
                lazy_gettext("Your age"),
                kind="radio",
                choices=lambda: [(b.code, _(b.label)) for b in settings.age_bands],
            )
        )
    fields.append(Field("gender", lazy_gettext("You are"), kind="radio", choices=GENDERS))
    if college_code == ROLL:
        fields.append(
            Field(
                "education",
                lazy_gettext("Your highest diploma"),
                kind="radio",
                choices=lambda: [(e.code, _(e.label)) for e in settings.education_levels],
            )
        )
    fields += [
        Field("district", lazy_gettext("Your {site.district}"), kind="select", choices=_districts(site)),
        Field(
            "neighbourhood",
            lazy_gettext("Your neighbourhood"),
            kind="select",
            required=False,
            choices=_hoods(site),
            help=lazy_gettext("If it is not in the list, leave this empty."),
        ),
        Field(
            "availability",
            lazy_gettext(
                "Could you take part in the sessions "
                "(about ten evenings and Saturdays a year, and four plenaries)?"
            ),
            kind="radio",
            choices=YES_NO,
        ),
    ]
    if college_code == YOUNG and settings.young_guardian_agreement:
        fields.append(
            Field(
                "guardian_agreement",
                lazy_gettext("A parent or legal guardian agrees to my taking part"),
                kind="checkbox",
                required=False,
            )
        )
    fields += [
        Field(
            "contact",
            lazy_gettext("A phone number or e-mail address to reach you if you are drawn"),
            required=False,
            max_length=254,
            autocomplete="email",
        ),
        Field(
            "consent",
            lazy_gettext("I agree that my answers are used to organise the draw, as explained above"),
            kind="checkbox",
        ),
    ]
    return Form(*fields)


def application_form(site: Site) -> Form:
    from parvis.plugins.assembly.services.applications import EU_COUNTRIES

    countries = _countries(exclude=EU_COUNTRIES | {"FR"})
    return Form(
        Field("birth_date", lazy_gettext("Date of birth"), kind="date", autocomplete="bday"),
        Field("nationality", lazy_gettext("Nationality"), kind="select", choices=countries),
        Field("gender", lazy_gettext("You are"), kind="radio", choices=GENDERS),
        Field(
            "resident",
            _("Do you live {site.city:in}?"),
            kind="radio",
            choices=YES_NO,
        ),
        Field("district", lazy_gettext("Your {site.district}"), kind="select", choices=_districts(site)),
        Field(
            "neighbourhood",
            lazy_gettext("Your neighbourhood"),
            kind="select",
            required=False,
            choices=_hoods(site),
        ),
        Field(
            "availability",
            lazy_gettext(
                "Could you take part in the sessions "
                "(about ten evenings and Saturdays a year, and four plenaries)?"
            ),
            kind="radio",
            choices=YES_NO,
        ),
        Field(
            "motivation",
            lazy_gettext("Why would you like to take part?"),
            kind="textarea",
            required=False,
            max_length=4000,
        ),
        Field(
            "consent",
            lazy_gettext("I agree that my answers are used to organise the draw, as explained above"),
            kind="checkbox",
        ),
    )


def _countries(exclude: frozenset[str] | set[str]) -> list[tuple[str, str]]:
    """ISO 3166 countries in the reader's language (Babel's territory names), sorted by name."""
    from parvis.api import babel_locale

    names = cast("dict[str, str]", babel_locale().territories)  # Babel types them loosely
    codes = [c for c in names if len(c) == 2 and c.isalpha() and c.isupper() and c not in exclude]
    skip = {"ZZ", "XK", "EU", "EZ", "UN", "QO", "AQ", "BV", "HM", "TF", "UM"}
    return sorted(((c, names[c]) for c in codes if c not in skip), key=lambda pair: pair[1])
