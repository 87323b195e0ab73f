"""Districts from what lists give: a district code, an arrondissement number or a postcode."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from parvis.plugins.assembly.services.common import settings_of

if TYPE_CHECKING:
    from parvis.api import Site


@lru_cache(maxsize=8)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def arrondissement_map(site: Site) -> dict[int, str]:
    return {number: d.code for d in site.config.districts for number in d.arrondissements}


def district_of(site: Site, district: str = "", postcode: str = "") -> str | None:
    """The site district for a district code or arrondissement number, else for a postcode."""
    value = (district or "").strip()
    codes = {d.code for d in site.config.districts}
    numbers = arrondissement_map(site)
    if value:
        if value in codes:
            return value
        lowered = value.lower()
        for code in codes:
            if code.lower() == lowered:
                return code
        digits = value.lstrip("0")
        if digits.isdigit() and int(digits) in numbers:
            return numbers[int(digits)]
        return None
    match = _pattern(settings_of(site).postcode_arrondissement).match((postcode or "").strip())
    if match and match.group(1).isdigit():
        return numbers.get(int(match.group(1)))
    return None


def district_name(site: Site, code: str | None) -> str:
    found = site.config.district(code or "")
    return found.name if found else (code or "")


def neighbourhood_qpop(site: Site, code: str | None) -> bool:
    found = site.config.neighbourhood(code or "")
    return bool(found and found.qpop)
