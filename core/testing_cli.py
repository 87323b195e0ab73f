"""The ``parvis_cli`` fixture: ``parvis`` commands run in the test on the test's site and database.
Registered by ``parvis.testing``."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from parvis.site import Site


class CommandLine:
    """Runs ``parvis`` commands in the test, on the test's site (the ``parvis_cli`` fixture)."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def __call__(self, *args: str, input: str | None = None, language: str = "en") -> Any:  # noqa: A002
        from click.testing import CliRunner

        from parvis.cli import Context, cli

        command_context = Context.for_site(self.site)  # the test's site: its plugins, settings and database
        return CliRunner().invoke(
            cli, list(args), obj=command_context, input=input, env={"PARVIS_LANG": language}
        )


@pytest.fixture
def parvis_cli(site: Site, db: Session) -> CommandLine:
    """``parvis_cli("budget", "rank", ...)``: a ``click.testing.Result`` (``.exit_code``, ``.output``)
    of the command run on the test's site and database; commit what the command should see first."""
    return CommandLine(site)
