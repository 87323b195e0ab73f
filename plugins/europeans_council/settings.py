"""``[settings.europeans_council]``: the Paris values are the defaults; another city changes them."""

from __future__ import annotations

import msgspec

from parvis.api import EligibilityRule, NationalityGroup
from parvis.api.councils import CouncilSettings

# Member states of the European Union (ISO 3166-1 alpha-2), France excepted: the nationalities
# that may sit on the council of a French city. A city elsewhere lists the other 26 of its own.
OTHER_MEMBER_STATES = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip


class EuropeansCouncilSettings(CouncilSettings, forbid_unknown_fields=True, kw_only=True):
    seats: int = 61
    eligibility: EligibilityRule = EligibilityRule(min_age=18, nationality_groups=[NationalityGroup.OTHER_EU])
    mandate_years: int = 1
    max_consecutive_years: int | None = 2  # a one-year mandate, renewable once
    voeux_per_year: int | None = 1
    # The "strong link" with the city each applicant declares is checked by an official.
    review_applications: bool = True
    nationalities: list[str] = msgspec.field(default_factory=lambda: list(OTHER_MEMBER_STATES))

    def __post_init__(self) -> None:
        super().__post_init__()
        self.nationalities = [code.upper() for code in self.nationalities]
        if any(len(code) != 2 or not code.isalpha() for code in self.nationalities):
            raise ValueError("nationalities: expected ISO 3166 two-letter codes, for example DE")
