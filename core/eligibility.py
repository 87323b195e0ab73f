"""Eligibility rules as data: `[eligibility.<name>]` tables in the site configuration.

A rule is a conjunction of simple facts about a Person (age range on a date, residence,
nationality groups, districts). Plugins refer to rules by name, so a city changes who may take
part by editing its configuration, never the code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Annotated, Any, get_args, get_origin, get_type_hints

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
            reasons.append(_("This is open only to residents of some {site.district:pl}."))
        return reasons

    def allows(self, person: Person, on: date) -> bool:
        return not self.failures(person, on)


def parse_rules(raw: dict[str, dict[str, object]], file: str) -> dict[str, EligibilityRule]:
    from parvis.config import convert_section

    return {
        name: convert_section(table, EligibilityRule, file=file, prefix=f"eligibility.{name}")
        for name, table in raw.items()
    }


#: The type of a plugin setting that names an eligibility rule: ``vote_rule: EligibilityRuleName
#: = "budget_vote"``. A name the site's file gives explicitly must be one of its
#: ``[eligibility.<name>]`` tables (checked at start-up and by ``parvis config check``).
EligibilityRuleName = Annotated[str, msgspec.Meta(extra={"parvis": "eligibility_rule"})]


def _names_a_rule(hint: Any) -> bool:
    if get_origin(hint) is Annotated:
        return any(
            isinstance(meta, msgspec.Meta) and (meta.extra or {}).get("parvis") == "eligibility_rule"
            for meta in hint.__metadata__
        )
    return any(_names_a_rule(arg) for arg in get_args(hint))


def rule_references(settings: Any, raw: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(dotted key, rule name) of every rule name written in ``raw``, the settings' own table,
    looking into nested tables and arrays of tables."""
    if not isinstance(settings, msgspec.Struct) or not isinstance(raw, Mapping):
        return
    hints = get_type_hints(type(settings), include_extras=True)
    for field in settings.__struct_fields__:
        if field not in raw:
            continue
        value, given, key = getattr(settings, field), raw[field], f"{prefix}{field}"
        if _names_a_rule(hints.get(field)):
            if isinstance(value, str):
                yield key, value
            elif isinstance(value, list):
                yield from ((f"{key}[{i}]", v) for i, v in enumerate(value) if isinstance(v, str))
            elif isinstance(value, dict):
                yield from ((f"{key}.{k}", v) for k, v in value.items() if isinstance(v, str))
        elif isinstance(value, msgspec.Struct):
            yield from rule_references(value, given, f"{key}.")
        elif isinstance(value, list) and isinstance(given, list):
            for index, (item, written) in enumerate(zip(value, given, strict=False)):
                yield from rule_references(item, written, f"{key}[{index}].")
        elif isinstance(value, dict) and isinstance(given, Mapping):
            for name, item in value.items():
                yield from rule_references(item, given.get(name, {}), f"{key}.{name}.")
