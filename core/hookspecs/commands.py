"""Hooks of the command line and of demo data: a plugin's ``parvis`` commands and its demo content."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    import click
    from sqlalchemy.orm import Session

    from parvis.demo import DemoContext


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add click commands or groups to the ``parvis`` command line (``cli.add_command(...)``)."""


@hookspec
def seed_demo_data(db: Session, demo: DemoContext) -> None:
    """Fill a fresh database with this plugin's fictitious demo data (``parvis demo``).

    Called after core's demo data (people, accounts, districts) exists; ``demo`` gives the site,
    the fictitious people created so far, a seeded random generator and a progress callback.
    Use only invented names and e-mail addresses in the ``example.org`` domain.
    """
