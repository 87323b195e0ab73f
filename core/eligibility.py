"""Eligibility rules as data: `[eligibility.<name>]` tables in the site configuration.

A rule is a conjunction of simple facts about a Person (age range on a date, residence,
nationality groups, districts). Plugins refer to rules by name, so a city changes who may take
part by editing its configuration, never the code.
"""

from __future__ import annotations

from datetime import date

import msgspec

from parvis.i18n import _
from parvis.identity import NationalityGroup, Person


class EligibilityRule(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    min_age: int | None = None
    max_age: int | None = None
    residents_only: bool = False
    nationality_groups: list[NationalityGroup] | None = None
    districts: list[str] | None = None

    def failures(self, person: Person, on: date) -> list[str]:
        """The translated reasons this person is not eligible on that day (empty when eligible)."""
        reasons: list[str] = []
        age = person.age_on(on)
        if (self.min_age is not None or self.max_age is not None) and age is None:
            reasons.append(_("Your date of birth is needed to check your age."))
        elif self.min_age is not None and age is not None and age < self.min_age:
            reasons.append(_("You must be at least {age} years old.").format(age=self.min_age))
        elif self.max_age is not None and age is not None and age > self.max_age:
            reasons.append(_("You must be at most {age} years old.").format(age=self.max_age))
        if self.residents_only and not person.resident:
            reasons.append(_("You must live in the city."))
        if self.nationality_groups is not None and person.nationality_group not in self.nationality_groups:
            reasons.append(_("This is open only to some nationalities."))
        if self.districts is not None and person.district not in self.districts:
            reasons.append(_("This is open only to residents of some districts."))
        return reasons

    def allows(self, person: Person, on: date) -> bool:
        return not self.failures(person, on)


def parse_rules(raw: dict[str, dict[str, object]], file: str) -> dict[str, EligibilityRule]:
    from parvis.config import convert_section

    return {
        name: convert_section(table, EligibilityRule, file=file, prefix=f"eligibility.{name}")
        for name, table in raw.items()
    }
