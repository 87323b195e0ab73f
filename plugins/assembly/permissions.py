"""The Assembly's actions and who may do them (roles are granted site-wide or in the body)."""

from __future__ import annotations

from parvis.api import CITIZEN, MEMBER, OFFICIAL, Actions, lazy_gettext

ACTIONS = Actions()
MANAGE = ACTIONS.declare(
    "assembly.manage", lazy_gettext("Run the Citizens' Assembly: promotions, draws, groups, trainings")
)
PERSONAL_DATA = ACTIONS.declare(
    "assembly.personal_data", lazy_gettext("See the answers of the Assembly's respondents (logged)")
)
PAY = ACTIONS.declare("assembly.pay", lazy_gettext("Export the Assembly members' compensation"))
MEMBERS_AREA = ACTIONS.declare(
    "assembly.members_area",
    lazy_gettext("See the Assembly's members-only pages"),
    frozenset({MEMBER, OFFICIAL}),
)
APPLY = ACTIONS.declare(
    "assembly.apply", lazy_gettext("Apply to the Citizens' Assembly"), frozenset({CITIZEN})
)
