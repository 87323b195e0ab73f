"""``parvis assembly ...`` commands."""

from __future__ import annotations

import click


@click.group("assembly")
def assembly() -> None:
    """The Citizens' Assembly: import the roll, pre-draw, letters, purge."""
