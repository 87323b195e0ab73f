"""The Citizens' Assembly settings (``[settings.assembly]`` in the site configuration).

Every number of the Paris Assembly is a field here with the Paris value as its default: seats per
college, the size of the pre-draw, population shares behind the quotas, the compensation rates,
which meetings are paid. Another city overrides any of them in its TOML file; nothing in the code
depends on the Paris figures.

Population shares are percentages of the adult population (the electoral roll's population for
age, gender and education; the districts' shares come from the site's ``[[districts]]`` table).
They are plausible round figures for Paris, to be replaced by the city's own INSEE figures.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import msgspec

from parvis.api import N_, EligibilityRule, NationalityGroup

# College codes: the plugin recognises the three Paris colleges by these codes in the body.
ROLL, NON_EU, YOUNG = "roll", "non_eu", "young"


class Share(msgspec.Struct, forbid_unknown_fields=True):
    """One value of a quota feature: its code, an English label (translated) and its share in %."""

    code: str
    label: str
    share: float


class AgeBand(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    label: str
    share: float
    min_age: int
    max_age: int | None = None


class Rate(msgspec.Struct, forbid_unknown_fields=True):
    """A compensation rate in force from a date (until the next one)."""

    effective_from: date
    half_day_cents: int
    note: str = ""


class RollColumns(msgspec.Struct, forbid_unknown_fields=True):
    """Column names of the electoral roll extract (CSV, UTF-8). ``district`` may be empty: the
    district is then found from the postcode (``postcode_arrondissement``)."""

    id: str = "id"
    family_name: str = "family_name"
    given_name: str = "given_name"
    birth_date: str = "birth_date"
    address: str = "address"
    postcode: str = "postcode"
    city: str = "city"
    district: str = ""


class YoungColumns(msgspec.Struct, forbid_unknown_fields=True):
    """Column names of the list of drawn Citizen Card holders (college C)."""

    id: str = "id"
    family_name: str = "family_name"
    given_name: str = "given_name"
    birth_date: str = "birth_date"
    email: str = "email"
    postcode: str = "postcode"


def _default_rules() -> dict[str, EligibilityRule]:
    return {
        ROLL: EligibilityRule(
            min_age=16,
            residents_only=True,
            nationality_groups=[NationalityGroup.FRENCH, NationalityGroup.OTHER_EU],
        ),
        NON_EU: EligibilityRule(
            min_age=16, residents_only=True, nationality_groups=[NationalityGroup.NON_EU]
        ),
        YOUNG: EligibilityRule(min_age=16, max_age=17, residents_only=True),
    }


def _age_bands() -> list[AgeBand]:
    return [
        AgeBand("18-24", N_("18 to 24"), 12, 18, 24),
        AgeBand("25-34", N_("25 to 34"), 21, 25, 34),
        AgeBand("35-49", N_("35 to 49"), 25, 35, 49),
        AgeBand("50-64", N_("50 to 64"), 21, 50, 64),
        AgeBand("65+", N_("65 or over"), 21, 65, None),
    ]


def _genders() -> list[Share]:
    return [Share("woman", N_("Woman"), 53), Share("man", N_("Man"), 47)]


def _education() -> list[Share]:
    return [
        Share("none", N_("No diploma, or a lower-secondary certificate (brevet)"), 17),
        Share("vocational", N_("Vocational certificate (CAP, BEP)"), 11),
        Share("bac", N_("Baccalauréat"), 14),
        Share("bac2", N_("Two years of higher education"), 11),
        Share("bac3plus", N_("Three years of higher education or more"), 47),
    ]


def _rates() -> list[Rate]:
    # The older public page says €44 per half-day; the amount is revalued yearly, about €50 now.
    return [
        Rate(date(2021, 9, 1), 4400, "Montant initial"),
        Rate(date(2024, 9, 1), 5000, "Revalorisation"),
    ]


class AssemblySettings(msgspec.Struct, forbid_unknown_fields=True):
    # -- the body and its colleges --------------------------------------------------------------
    body_slug: str = "citizens-assembly"
    seats: dict[str, int] = msgspec.field(default_factory=lambda: {ROLL: 80, NON_EU: 15, YOUNG: 5})
    # Who may sit in each college, on top of the body's own rule (aged 16+ and living in the city).
    college_rules: dict[str, EligibilityRule] = msgspec.field(default_factory=_default_rules)
    # Ranked reserves drawn with each college, used to replace members who decline or leave. A
    # replacement must keep every quota, so college A's reserve is as large as its panel: with a
    # short one, the first few candidates rarely match a leaving member on every tight quota.
    reserve: dict[str, int] = msgspec.field(default_factory=lambda: {ROLL: 80, NON_EU: 5, YOUNG: 3})
    # How a vacant seat of college A's stratified panel is refilled: "draw", a replacement draw
    # (LEXIMIN over the people of the pool who never sat, conditioned on the sitting members:
    # fair to everyone left, with public random inputs like any draw), or "reserve", the first
    # person of the ranked reserve whose swap keeps the quotas. Lots always use their reserve.
    replacement: Literal["draw", "reserve"] = "draw"

    # -- college A: pre-draw, letters, questionnaire ----------------------------------------------
    predraw_size: int = 10_000
    roll_columns: RollColumns = msgspec.field(default_factory=RollColumns)
    # A regular expression whose group is the arrondissement in a postcode (75116 -> 16).
    postcode_arrondissement: str = r"^75[01](\d\d)$"
    code_length: int = 16  # characters of 5 bits each: 80 bits (at least 12, i.e. 60 bits)
    questionnaire_days: int = 30  # how long the questionnaire stays open after the letters
    letters_locale: str = "fr"
    # Who signs the letters; empty: the Mayor of the city, in the site's words ("La Maire de Paris").
    letter_signatory: str = ""
    public_base_url: str = "https://participation.example.org"
    # Answers that put a respondent in the pool of the draw.
    pool_availability: list[str] = msgspec.field(default_factory=lambda: ["yes"])

    # -- quotas: population shares (%) and tolerance ---------------------------------------------
    quota_features: list[str] = msgspec.field(
        default_factory=lambda: ["age", "gender", "education", "district", "qpop"]
    )
    age_bands: list[AgeBand] = msgspec.field(default_factory=_age_bands)
    genders: list[Share] = msgspec.field(default_factory=_genders)
    education_levels: list[Share] = msgspec.field(default_factory=_education)
    qpop_share: float = 10.0  # % of seats for residents of working-class neighbourhoods
    tolerance_percent: float = 10.0  # each quota is its target seats widened by this much (relative)

    # -- college C: two-stage lot among Citizen Card holders aged 16-17 ---------------------------
    young_invitations: int = 500
    young_columns: YoungColumns = msgspec.field(default_factory=YoungColumns)
    young_guardian_agreement: bool = True  # the information form asks for a guardian's agreement

    # -- college B: call for applications ---------------------------------------------------------
    application_days: int = 45

    # -- members' life ----------------------------------------------------------------------------
    members_choose_workshop: bool = True
    topic_vote_electorate: Literal["promotion", "group"] = "promotion"
    # Since 2024 the Monitoring and Questioning space is open to members of every participatory body.
    monitoring_open_to_all_bodies: bool = True
    plenaries_per_year: int = 4
    # Decision type each group produces (the decisions workflow takes it to the Council).
    outputs: dict[str, str] = msgspec.field(
        default_factory=lambda: {"deliberation": "deliberation", "exploration": "voeu"}
    )

    # -- compensation -----------------------------------------------------------------------------
    rates: list[Rate] = msgspec.field(default_factory=_rates)
    # Half-days each kind of meeting counts when attended (a Saturday full day counts 2).
    paid_meetings: dict[str, int] = msgspec.field(
        default_factory=lambda: {"workshop": 1, "workshop_day": 2, "plenary": 1}
    )
    pay_period: Literal["month", "quarter"] = "month"
    csv_delimiter: str = ";"
    csv_decimal_comma: bool = True

    # -- privacy ----------------------------------------------------------------------------------
    private_dir: str = "var/assembly"  # uploaded rolls wait here until the pre-draw, then are deleted
    members_data_months: int = 12  # members' data kept this long after their promotion ends
    reserve_days: int = 120  # reserve respondents' answers kept this long after the draw
    # Pay records (payment lines sent to the finance department) are kept this long after their
    # export for the City's accounts; the daily purge of personal data deletes them afterwards.
    pay_records_years: int = 10

    def __post_init__(self) -> None:
        if self.code_length < 12:
            raise ValueError("code_length: at least 12 characters (60 bits) are needed")
        if self.predraw_size <= 0:
            raise ValueError("predraw_size: expected a positive number")
        if self.tolerance_percent < 0:
            raise ValueError("tolerance_percent: expected a percentage of at least 0")
        for code, seats in self.seats.items():
            if seats < 0:
                raise ValueError(f"seats.{code}: expected at least 0")
        if sorted(r.effective_from for r in self.rates) != [r.effective_from for r in self.rates]:
            raise ValueError("rates: list them by effective date, oldest first")
