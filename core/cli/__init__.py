"""The ``parvis`` command line for officials and operators.

Core's commands are added to the ``cli`` group (parvis.cli.group); the enabled plugins add theirs
through the ``register_commands`` hook, looked up once the command line's ``--config`` is parsed.
Nothing is built before a command needs it: ``--help`` writes no file, and the site is built on a
command's first ``ctx.site`` (parvis.cli.context).

Command modules import ``parvis.cli.context`` (``pass_context``...), which needs none of them; the
group, which imports every command module, is loaded on first use of ``parvis.cli.cli`` or
``parvis.cli.main``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.cli.context import (
    ConfigProblem,
    Context,
    checks_configuration,
    choose_cli_locale,
    context_of,
    install_cli_translations,
    pass_context,
)

if TYPE_CHECKING:
    from parvis.cli.group import cli, main

__all__ = [
    "ConfigProblem",
    "Context",
    "checks_configuration",
    "choose_cli_locale",
    "cli",
    "context_of",
    "install_cli_translations",
    "main",
    "pass_context",
]


def __getattr__(name: str) -> Any:
    if name in {"cli", "main"}:
        from parvis.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'parvis.cli' has no attribute {name!r}")
