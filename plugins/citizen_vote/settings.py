"""The citizen vote's settings (``[settings.citizen_vote]``). Every default is the Paris value."""

from __future__ import annotations

import msgspec


class CitizenVoteSettings(msgspec.Struct, forbid_unknown_fields=True):
    online: bool = False  # a new vote offers the online channel (Paris: in person only)
    opens: str = "09:00"  # a new vote's opening hour (site time)
    closes: str = "19:00"  # and closing hour
    roll_retention_days: int = 90  # the roll and the poll book are kept this long after the vote day
    private_dir: str = "var/citizen_vote"  # uploaded rolls wait here until imported, then are deleted
    demo_electors: int = 50_000  # electors on the demo's fictitious roll (`parvis demo`)
