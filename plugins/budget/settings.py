"""The participatory budget's settings (``[settings.budget]`` in the site configuration).

Every default is the Paris value; another city overrides any of them in its TOML file. A campaign
copies what shapes its vote (rule, grades) when it is created, so changing the configuration
later never changes a vote in progress.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from parvis.api import N_, EligibilityRuleName, Theme
from parvis.plugins.budget.rules import DEFAULT_RULE, PARIS_GRADES

DEFAULT_THEMES = [
    Theme("environment", N_("Environment and nature")),
    Theme("living", N_("Living environment")),
    Theme("mobility", N_("Mobility")),
    Theme("solidarity", N_("Solidarity and social cohesion")),
    Theme("education", N_("Education and youth")),
    Theme("culture", N_("Culture and heritage")),
    Theme("sport", N_("Sport")),
    Theme("cleanliness", N_("Cleanliness")),
    Theme("health", N_("Health")),
    Theme("economy", N_("Economy and employment")),
]


class BudgetSettings(msgspec.Struct, forbid_unknown_fields=True):
    # -- who may take part ------------------------------------------------------------------
    #: Eligibility rules (``[eligibility.<name>]`` of the site configuration) for submitting an
    #: idea and for voting. When the configuration has no rule of that name, the Paris default
    #: below applies: residents aged ``min_age`` or more, whatever their nationality.
    submit_rule: EligibilityRuleName = "budget_submit"
    vote_rule: EligibilityRuleName = "budget_vote"
    min_age: int = 7
    #: Authors younger than this never have their family name published.
    child_anonymity_age: int = 15
    #: "self_declared": the facts a resident gives in their account (residence, district, date of
    #: birth) are enough, as on Paris's online platform; "official": an official also confirms
    #: the residence in the back office before the resident may vote.
    verification: Literal["self_declared", "official"] = "self_declared"
    #: An official's check of residence is deleted this many days after the decision by the daily
    #: purge of personal data (the resident asks again for a later campaign).
    verification_kept_days: int = 365

    # -- how votes are counted --------------------------------------------------------------
    #: The allocation rule by name, among those ``register_ballot_rules`` returns:
    #: "majority_judgment_greedy" (Paris), "approval_greedy", "equal_shares", or a plugin's.
    rule: str = DEFAULT_RULE
    #: Grade labels, worst first (message ids: Paris's own names, translated per language).
    grades: list[str] = msgspec.field(default_factory=lambda: list(PARIS_GRADES))
    #: Equal Shares: per-voter budget increment of the "add1" completion, in cents.
    equal_shares_increment: int = 100

    # -- money ------------------------------------------------------------------------------
    #: Share of a campaign's total for the all-city envelope, in percent (the rest is split
    #: between districts).
    citywide_percent: int = 30
    #: How district envelopes are split: by the districts' population, or equally.
    district_split: Literal["population", "equal"] = "population"
    #: Working-class neighbourhoods (Qpop): "minimum" (a minimum share of each envelope),
    #: "bonus" (extra money only Qpop projects may use) or "none".
    qpop_mode: Literal["minimum", "bonus", "none"] = "minimum"
    #: The minimum share, or the bonus as a percentage of each envelope.
    qpop_percent: int = 25

    # -- ideas ------------------------------------------------------------------------------
    themes: list[Theme] = msgspec.field(default_factory=lambda: list(DEFAULT_THEMES))
    max_photo_bytes: int = 5_000_000
    ideas_per_page: int = 20

    def __post_init__(self) -> None:
        if len(self.grades) < 2:
            raise ValueError("grades: at least two grades are needed")
        for name, value in (("citywide_percent", self.citywide_percent), ("qpop_percent", self.qpop_percent)):
            if not 0 <= value <= 100:
                raise ValueError(f"{name}: expected a percentage between 0 and 100")

    def theme(self, code: str) -> Theme | None:
        return next((t for t in self.themes if t.code == code), None)
