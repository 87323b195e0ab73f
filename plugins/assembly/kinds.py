"""The ``citizens_assembly`` body kind: colleges, groups, roles and meeting kinds as data.

The colleges' seats here are the Paris defaults used when the body is first created; opening a
promotion brings them in line with ``[settings.assembly] seats``.
"""

from __future__ import annotations

from parvis.api import hookimpl, lazy_gettext
from parvis.api.bodies import BodyKind, CollegeTemplate, FillMethod
from parvis.plugins.assembly.settings import NON_EU, ROLL, YOUNG, AssemblySettings

KIND = "citizens_assembly"

# Groups of a promotion (core Group.kind codes).
DELIBERATION, EXPLORATION, MONITORING = "deliberation", "exploration", "monitoring"
WORKSHOPS = (DELIBERATION, EXPLORATION)

# Meeting kinds (core Meeting.kind codes).
WORKSHOP, WORKSHOP_DAY, PLENARY, MONITORING_SESSION, TRAINING, FOLLOWUP = (
    "workshop",
    "workshop_day",
    "plenary",
    "monitoring_session",
    "training",
    "followup_meeting",
)

COLLEGE_NAMES = {
    ROLL: lazy_gettext("College A: drawn from the electoral roll"),
    NON_EU: lazy_gettext("College B: residents from outside the European Union"),
    YOUNG: lazy_gettext("College C: young people aged 16 and 17"),
}
COLLEGE_METHODS = {ROLL: FillMethod.STRATIFIED_DRAW, NON_EU: FillMethod.LOT, YOUNG: FillMethod.LOT}

GROUP_NAMES = {
    DELIBERATION: lazy_gettext("Deliberation workshop"),
    EXPLORATION: lazy_gettext("Exploration workshop"),
    MONITORING: lazy_gettext("Monitoring and Questioning space"),
}


@hookimpl
def register_body_kinds() -> list[BodyKind]:
    seats = AssemblySettings().seats
    return [
        BodyKind(
            code=KIND,
            label=lazy_gettext("Citizens' Assembly"),
            description=lazy_gettext(
                "A permanent deliberative council of residents aged 16 and over, drawn by lot and renewed "
                "every year by promotion."
            ),
            plugin="assembly",
            colleges=[
                CollegeTemplate(code, COLLEGE_NAMES[code], seats.get(code, 0), COLLEGE_METHODS[code])
                for code in (ROLL, NON_EU, YOUNG)
            ],
            group_kinds=list(GROUP_NAMES.items()),
            member_roles=["member"],
            meeting_kinds=[
                (WORKSHOP, lazy_gettext("Workshop session (evening)")),
                (WORKSHOP_DAY, lazy_gettext("Workshop day (Saturday)")),
                PLENARY,
                (MONITORING_SESSION, lazy_gettext("Monitoring and Questioning session")),
                TRAINING,
                (FOLLOWUP, lazy_gettext("Public follow-up meeting")),
            ],
            eligibility="resident_16",
            facts=[
                lazy_gettext("Promotions renewed every year"),
                lazy_gettext("Compensation for each half-day of work"),
            ],
        )
    ]
