"""The marker of Parvis's hook specifications (``@hookspec``), shared by the modules of this package."""

import pluggy

hookspec = pluggy.HookspecMarker("parvis")
