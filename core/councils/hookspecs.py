"""The councils' hook, added to the plugin manager by ``parvis.councils`` (pytest's addhooks pattern)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from parvis.councils.spec import Council

hookspec = pluggy.HookspecMarker("parvis")


@hookspec
def register_councils() -> Sequence[Council]:
    """Declare which body kinds work as participatory councils: ``Council`` subclasses' instances.

    Bodies of these kinds get the shared council pages (call for applications, referrals,
    hearings, annual report) and the yearly limit on vœux from their settings.
    """
