"""``[settings.neighbourhood_councils]``: every figure is a setting (Paris's values by default)."""

from __future__ import annotations

import msgspec

from parvis.api import EligibilityRuleName


class NeighbourhoodCouncilsSettings(msgspec.Struct, forbid_unknown_fields=True):
    # Who may join (age...): a rule of the site's [eligibility.*] tables; the link with the
    # district (live, work, study, association) is declared when joining.
    eligibility: EligibilityRuleName = "neighbourhood_council"
    # A council's yearly operating allocation and investment credits, in cents, unless officials
    # set others for a year (the investment figure is a demo default: set the city's).
    yearly_allocation: int = 330_000
    yearly_investment: int = 800_000
    # Contributions to a "Beautify" diagnostic: the longest description.
    contribution_max_length: int = 2000
    # New contributions wait in core's moderation queue until a moderator or an official of their
    # district approves them (false: published at once, still open to reports).
    premoderate_contributions: bool = True
    # A contribution's optional photo: the largest file accepted, in bytes (core's
    # [settings.moderation] photo limits apply too: formats, pixels, longest side kept).
    photo_max_bytes: int = 5_000_000
