"""The Assembly's actions and who may do them (roles are granted site-wide or in the body)."""

from __future__ import annotations

from parvis.api import CITIZEN, MEMBER, OFFICIAL, Action, lazy_gettext

MANAGE = "assembly.manage"
PERSONAL_DATA = "assembly.personal_data"
PAY = "assembly.pay"
MEMBERS_AREA = "assembly.members_area"
APPLY = "assembly.apply"


def actions() -> list[Action]:
    return [
        Action(MANAGE, lazy_gettext("Run the Citizens' Assembly: promotions, draws, groups, trainings")),
        Action(PERSONAL_DATA, lazy_gettext("See the answers of the Assembly's respondents (logged)")),
        Action(PAY, lazy_gettext("Export the Assembly members' compensation")),
        Action(
            MEMBERS_AREA,
            lazy_gettext("See the Assembly's members-only pages"),
            frozenset({MEMBER, OFFICIAL}),
        ),
        Action(APPLY, lazy_gettext("Apply to the Citizens' Assembly"), frozenset({CITIZEN})),
    ]
