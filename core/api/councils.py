"""The council kit: a council plugin (youth council, Europeans' council) in a few declarations.

A council plugin describes itself with a ``Council``, registers ``CouncilPluginHooks`` with
``register_council`` from its ``add_hookspecs`` hook, and gets calls for applications (``Call``,
``Application``, ``apply``, ``review``), draws by group (``DrawRequest``, ``draw_by_group``,
``Seat``, ``DrawOutcome``), shared sessions with the assemblies and demo data (``seed_council``).
"""

from __future__ import annotations

from parvis.councils.applications import apply, current_call, review
from parvis.councils.demo import (
    DemoContent,
    DemoCouncil,
    DemoHearing,
    DemoOutput,
    DemoReferral,
    DemoVoeu,
    seed_council,
)
from parvis.councils.draws import DrawOutcome, DrawRequest, Seat, college, draw_by_group
from parvis.councils.kit import CouncilPluginHooks, register_council
from parvis.councils.models import Application, Call
from parvis.councils.settings import CouncilSettings
from parvis.councils.shared import close_to_councils, open_to_all_councils
from parvis.councils.spec import Council

__all__ = [
    "Application",
    "Call",
    "Council",
    "CouncilPluginHooks",
    "CouncilSettings",
    "DemoContent",
    "DemoCouncil",
    "DemoHearing",
    "DemoOutput",
    "DemoReferral",
    "DemoVoeu",
    "DrawOutcome",
    "DrawRequest",
    "Seat",
    "apply",
    "close_to_councils",
    "college",
    "current_call",
    "draw_by_group",
    "open_to_all_councils",
    "register_council",
    "review",
    "seed_council",
]
