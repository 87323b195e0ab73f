"""The citizen vote's settings (``[settings.citizen_vote]``). Every default is the Paris value."""

from __future__ import annotations

from typing import Literal

import msgspec


class CitizenVoteSettings(msgspec.Struct, forbid_unknown_fields=True):
    online: bool = False  # a new vote offers the online channel (Paris: in person only)
    opens: str = "09:00"  # a new vote's opening hour (site time)
    closes: str = "19:00"  # and closing hour
    roll_retention_days: int = 90  # the roll and the poll book are kept this long after the vote day
    private_dir: str = "var/citizen_vote"  # uploaded rolls wait here until imported, then are deleted
    turnout_minutes: int = 5  # the public turnout is counted from the poll book this often (1-30)
    report_pdf_fonts: list[str] = msgspec.field(
        default_factory=lambda: [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        ]
    )  # no longer read: the report's PDF is its page printed by WeasyPrint, whose fonts the print
    # stylesheet names (parvis print.css); kept so that site files which set it still load
    # A residents' electorate (a consultative vote): each resident's roll section is their
    # "district" or, where core knows it, their "neighbourhood"; voting places serve these sections.
    resident_sections: Literal["district", "neighbourhood"] = "district"
    demo_electors: int = 50_000  # electors on the demo's fictitious roll (`parvis demo`)
