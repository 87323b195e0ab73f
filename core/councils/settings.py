"""Settings every council has; each council plugin's settings struct extends this one.

The defaults here are neutral; a plugin's subclass sets the Paris values (100 seats, 15-30...).
"""

from __future__ import annotations

import msgspec

from parvis.eligibility import EligibilityRule


class CouncilSettings(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    # Who may apply, checked on the day of application with ``EligibilityRule.failures``. A city
    # replaces the whole rule: ``[settings.<plugin>.eligibility] min_age = 16``.
    eligibility: EligibilityRule = EligibilityRule()
    seats: int = 0  # the council's size; colleges of new bodies share it
    mandate_years: int = 1
    # Consecutive years a member may sit (None: no limit); 2 means "renewable once".
    max_consecutive_years: int | None = None
    # Vœux the council may file with the City Council in a calendar year (None: no limit).
    voeux_per_year: int | None = None
    # The workflow state in which a vœu counts as filed with the City Council.
    voeu_filed_state: str = "submitted"
    # An official checks every application before it may enter the draw.
    review_applications: bool = False
    # Applications are deleted this many months after the draw (those of people drawn, this many
    # months after the end of the term they were drawn for) by the daily purge of personal data.
    applications_kept_months: int = 6

    def __post_init__(self) -> None:
        if self.applications_kept_months < 0:
            raise ValueError("applications_kept_months: expected 0 or more")
        if self.seats < 0 or self.mandate_years < 1:
            raise ValueError("seats must be >= 0 and mandate_years >= 1")
        if self.max_consecutive_years is not None and self.max_consecutive_years < 1:
            raise ValueError("max_consecutive_years: expected at least 1 (or leave it out)")
        if self.voeux_per_year is not None and self.voeux_per_year < 0:
            raise ValueError("voeux_per_year: expected 0 or more (or leave it out)")
