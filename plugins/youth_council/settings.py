"""``[settings.youth_council]``: the Paris values are the defaults; another city changes them."""

from __future__ import annotations

from parvis.api import EligibilityRule
from parvis.api.councils import CouncilSettings


class YouthCouncilSettings(CouncilSettings, forbid_unknown_fields=True, kw_only=True):
    seats: int = 100
    eligibility: EligibilityRule = EligibilityRule(min_age=15, max_age=30)
    mandate_years: int = 2
    voeux_per_year: int | None = 1
    # Parity: the seats of each college (a draw fills each separately).
    women_seats: int = 50
    men_seats: int = 50
    # Share of each college's seats drawn every year (half: two-year mandates overlap).
    renewal_percent: int = 50

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.women_seats + self.men_seats != self.seats:
            raise ValueError("women_seats + men_seats must equal seats")
        if not 1 <= self.renewal_percent <= 100:
            raise ValueError("renewal_percent: expected a percentage between 1 and 100")
