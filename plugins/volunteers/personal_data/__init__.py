"""The volunteers' personal data for the core privacy hooks.

Places taken stay consistent: a slot's ``taken`` counts its confirmed participations, so erasure
cancels the sign-ups for dates to come through ``signup.cancel`` (the place goes to the first on
the waiting list, who is told) and keeps past confirmed participations without the volunteer
(``account_id`` NULL), as the purge does once ``participations_kept_months`` have passed. Open
reports of a mission are withdrawn with the mission's count of reports.

One module a part: ``declarations``, ``export``, ``erasure`` (with the scheduled purge).
"""

from parvis.plugins.volunteers.personal_data.declarations import declarations
from parvis.plugins.volunteers.personal_data.erasure import erase, kept, purge
from parvis.plugins.volunteers.personal_data.export import export

__all__ = ["declarations", "erase", "export", "kept", "purge"]
