"""The command line for plugins (the ``register_commands`` hook).

``@pass_context`` gives a command the ``Context`` of the ``parvis`` command: ``ctx.site`` is the
site built from ``--config`` (its configuration errors reported like every command's).
"""

from __future__ import annotations

from parvis.cli import Context, pass_context

__all__ = ["Context", "pass_context"]
