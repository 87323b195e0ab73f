"""The ``[settings.decisions]`` section: vote rules, the city's own workflows, PDF fonts.

Every default is the Paris value; another city overrides it in its site file. A city's workflows
are checked here, when the configuration is read, so ``parvis config check`` reports a bad one
with the file and the key before anything starts.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from parvis.decisions.workflow import parse_workflows

Majority = Literal["simple", "absolute", "two_thirds"]


class DecisionSettings(msgspec.Struct, forbid_unknown_fields=True):
    # Plenary validation votes of a body's members.
    quorum_percent: int = 50  # share of the term's active members who must take part
    majority: Majority = "simple"  # simple: more for than against; absolute: more than half of
    # all ballots (abstentions count); two_thirds: at least two thirds of for + against
    secret_ballot: bool = False  # named votes by default; secret ballots keep no voter link
    # The city's workflows ({name: table shaped like workflows.toml}) and which one each
    # decision type uses ({"recommendation": "my-workflow"}).
    # Read as TOML tables, replaced by checked ``Workflow`` structs once the settings are read.
    workflows: dict[str, Any] = {}
    type_workflows: dict[str, str] = {}
    # Fonts tried in order for PDF reports ("path" or "path#index" for a font collection).
    # Japanese needs a CJK font: Debian's fonts-noto-cjk provides the first one.
    pdf_fonts: list[str] = msgspec.field(
        default_factory=lambda: [
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#0",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc#0",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        ]
    )

    def __post_init__(self) -> None:
        if not 0 <= self.quorum_percent <= 100:
            raise ValueError("quorum_percent: expected a percentage between 0 and 100")
        self.workflows = parse_workflows(self.workflows)
