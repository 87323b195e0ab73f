"""``parvis users``: create the first administrator, name officials, disable accounts.

Exit status: 0 done (or nothing to change), 1 refused (unknown account, weak password, address
taken, last administrator), 2 unusable argument (unknown role or language, malformed address).
Every change is in the audit log, its actor named ``command line (user@host)``.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import click

from parvis.i18n import N_, _, ngettext


def operator() -> str:
    """``command line (user@host)``: who ran the command, for the audit log."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return _("command line ({user}@{host})").format(user=user, host=socket.gethostname())


class Refusal(click.ClickException):
    """A refused command: its translated reason on standard error, and its exit status."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it a ClassVar; it reads the instance's

    def show(self, file: Any = None) -> None:
        click.echo(_("Error: {reason}").format(reason=self.message), err=True)


@contextmanager
def session(ctx: Any) -> Iterator[Any]:
    """A database session on the site; a refusal becomes an exit status, the work a commit."""
    from parvis.refusals import Invalid, Refused

    site = ctx.site
    with site.session() as db:
        try:
            yield site, db
            db.commit()
        except Invalid as refusal:
            raise Refusal(refusal.message, 2) from None
        except Refused as refusal:
            raise Refusal(refusal.message, 1) from None


def interactive() -> bool:
    return sys.stdin.isatty()


def read_password() -> str:
    """From standard input when it is not a terminal (a pipe, a file), else typed twice, hidden."""
    if not interactive():
        return sys.stdin.readline().rstrip("\r\n")
    for _attempt in range(3):
        first = click.prompt(_("Password"), hide_input=True, default="", show_default=False)
        second = click.prompt(_("Password again"), hide_input=True, default="", show_default=False)
        if first == second:
            return first
        click.echo(_("The two passwords are different."), err=True)
    raise Refusal(_("The two passwords are different."), 1)


@click.group("users")
def users() -> None:
    """Accounts and site roles (admin, official, citizen)."""


@users.command("create")
@click.argument("email")
@click.option("--role", default="citizen", show_default=True, help="admin, official or citizen.")
@click.option("--name", default="", help="Name shown on the site (default: the start of the address).")
@click.option("--locale", default=None, help="Language of the account's e-mails (fr, en, ja).")
@click.option("--invite", is_flag=True, help="E-mail a link to choose the password instead of asking for it.")
@click.pass_obj
def create_command(ctx: Any, email: str, *, role: str, name: str, locale: str | None, invite: bool) -> None:
    """Create an account. The password is read from standard input when it is not a terminal,
    asked twice otherwise; with --invite, the account's owner receives a link to choose it."""
    from parvis.accounts import manage, passwords, reset
    from parvis.mail.delivery import transport_for

    with session(ctx) as (site, db):
        manage.check_role(role)
        password = None if invite else read_password()
        if password is not None and (reason := passwords.problem(site, password, email.strip())) is not None:
            raise Refusal(reason, 1)
        account = manage.create(
            db, site, email, role=role, name=name, locale=locale, password=password, by=operator()
        )
        if invite:
            reset.invite(db, site, account)
    click.echo(
        _("Account {email} created ({role}).").format(email=account.email, role=manage.role_label(role))
    )
    if invite:
        click.echo(
            _("An invitation was sent to {email}; its link works for {hours} hours.").format(
                email=account.email, hours=site.config.accounts.invitation_link_hours
            )
        )
        if transport_for(site) is None:
            click.echo(
                _("No mail server is configured: the invitation waits in the outbox until one is."), err=True
            )


@users.command("list")
@click.option("--role", default=None, help="Only accounts with this role (citizen: no other role).")
@click.pass_obj
def list_command(ctx: Any, role: str | None) -> None:
    """List accounts: address, name, roles, whether active and confirmed, last sign-in."""
    from parvis.accounts import manage
    from parvis.formatting import format_datetime

    with session(ctx) as (_site, db):
        found = manage.listing(db, role)
        rows = [
            [
                account.email,
                account.display_name,
                ", ".join(manage.role_label(r) for r in roles) or manage.role_label("citizen"),
                _("yes") if account.active else _("no"),
                _("yes") if account.email_verified_at else _("no"),
                format_datetime(account.last_login_at, "short") if account.last_login_at else "—",
            ]
            for account, roles in found
        ]
    headers = [_("E-mail address"), _("Name"), _("Roles"), _("Active"), _("Confirmed"), _("Last sign-in")]
    for line in table(headers, rows):
        click.echo(line)
    click.echo(ngettext("{count} account.", "{count} accounts.", len(rows)).format(count=len(rows)))


class _Answers(NamedTuple):
    """What ``grant`` or ``revoke`` says, site-wide or in districts, done or with nothing to do
    (marked for translation here, translated when said)."""

    done: str
    unchanged: str
    done_in: str
    unchanged_in: str


_GRANTED = _Answers(
    N_("{email} is now: {role}."),
    N_("{email} already has the role: {role}."),
    N_("{email} is now: {role}, in: {districts}."),
    N_("{email} already has the role: {role}, in: {districts}."),
)
_REVOKED = _Answers(
    N_("{email} no longer has the role: {role}."),
    N_("{email} did not have the role: {role}."),
    N_("{email} no longer has the role: {role}, in: {districts}."),
    N_("{email} did not have the role: {role}, in: {districts}."),
)


def _role_change(district_help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The arguments ``grant`` and ``revoke`` share: EMAIL, ROLE and the repeatable --district."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        command = click.pass_obj(command)
        command = click.option("--district", "districts", multiple=True, metavar="CODE", help=district_help)(
            command
        )
        return click.argument("email")(click.argument("role")(command))

    return decorate


def _change_role(ctx: Any, email: str, role: str, districts: tuple[str, ...], *, grant: bool) -> None:
    """Grant or revoke ROLE, site-wide or in ``districts``, and say what changed, naming the
    districts changed (else those asked for)."""
    from parvis.accounts import manage

    if grant:
        site_wide, in_districts, answers = manage.grant, manage.grant_in_districts, _GRANTED
    else:
        site_wide, in_districts, answers = manage.revoke, manage.revoke_in_districts, _REVOKED
    changed_in: list[str] = []
    with session(ctx) as (site, db):
        manage.check_role(role)
        account = manage.find(db, email)
        if districts:
            changed_in = in_districts(db, site, account, role, list(districts), by=operator())
            message = answers.done_in if changed_in else answers.unchanged_in
        else:
            changed = site_wide(db, site, account, role, by=operator())
            message = answers.done if changed else answers.unchanged
    shown = ", ".join(changed_in or districts)
    click.echo(_(message).format(email=account.email, role=manage.role_label(role), districts=shown))


@users.command("grant")
@_role_change("Give the role only in this district (repeat for several): a district's officials.")
def grant_command(ctx: Any, email: str, role: str, districts: tuple[str, ...]) -> None:
    """Give ROLE (admin or official) to the account using EMAIL, site-wide or in districts."""
    _change_role(ctx, email, role, districts, grant=True)


@users.command("revoke")
@_role_change("Take the role away only in this district.")
def revoke_command(ctx: Any, email: str, role: str, districts: tuple[str, ...]) -> None:
    """Take ROLE (admin or official) away from the account using EMAIL, site-wide or in districts."""
    _change_role(ctx, email, role, districts, grant=False)


@users.command("disable")
@click.argument("email")
@click.pass_obj
def disable_command(ctx: Any, email: str) -> None:
    """Disable an account: its sessions end and nobody can sign in with it."""
    _set_active(ctx, email, False)


@users.command("enable")
@click.argument("email")
@click.pass_obj
def enable_command(ctx: Any, email: str) -> None:
    """Enable a disabled account again."""
    _set_active(ctx, email, True)


def _set_active(ctx: Any, email: str, active: bool) -> None:
    from parvis.accounts import manage

    with session(ctx) as (site, db):
        account = manage.find(db, email)
        changed = manage.set_active(db, site, account, active, by=operator())
    if active:
        message = _("{email} is enabled.") if changed else _("{email} was already enabled.")
    else:
        message = _("{email} is disabled.") if changed else _("{email} was already disabled.")
    click.echo(message.format(email=account.email))


def width(text: str) -> int:
    """Columns a text takes in a terminal (Japanese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(headers: list[str], rows: list[list[str]]) -> Iterator[str]:
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    yield line(headers)
    yield "  ".join("-" * w for w in widths)
    for row in rows:
        yield line(row)


__all__ = ["users"]
