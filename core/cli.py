"""The ``parvis`` command line for officials and operators.

Plugins add their own commands through the ``register_commands`` hook; the site is built once,
lazily, so a bad configuration is reported (file, key, expected type) with exit status 2.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

import click

from parvis import __version__
from parvis.config import ConfigError, load_config
from parvis.i18n import _


class ConfigProblem(click.ClickException):
    exit_code = 2


class Context:
    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path
        self._site: Any = None

    @property
    def site(self) -> Any:
        if self._site is None:
            from parvis.site import Site

            try:
                self._site = Site.create(self.config_path)
            except ConfigError as error:
                raise ConfigProblem(str(error)) from None
            # The command works for this site until it ends (its formats, its words).
            context = click.get_current_context(silent=True)
            if context is not None:
                context.find_root().with_resource(self._site.activate())
        return self._site


pass_context = click.make_pass_decorator(Context)


def _config_from_argv(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--config" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return os.environ.get("PARVIS_CONFIG")


def choose_cli_locale(config_path: str | None) -> str:
    """The CLI's language: $PARVIS_LANG, else the site's default language, else $LANG, else English.

    Read before the configuration is validated, so even its errors are in the officials' language.
    """
    import tomllib

    from parvis.config import BUNDLED_PROFILE

    available = ("fr", "en", "ja")
    if (chosen := os.environ.get("PARVIS_LANG", "")) in available:
        return chosen
    try:
        raw = tomllib.loads(Path(config_path or BUNDLED_PROFILE).read_text(encoding="utf-8"))
        chosen = str(raw.get("site", {}).get("default_locale", ""))
    except (OSError, ValueError, AttributeError):
        chosen = ""
    if chosen in available:
        return chosen
    system = (os.environ.get("LC_ALL") or os.environ.get("LANG") or "")[:2]
    return system if system in available else "en"


def install_cli_translations(config_path: str | None) -> None:
    """Load core's catalogs and speak the officials' language until the command ends.

    The language is reset when the command's context closes, so code that runs commands
    in-process (tests, an embedding application) keeps its own.
    """
    from parvis import i18n

    i18n.install(["fr", "en", "ja"], [i18n.TranslationDomain("parvis", i18n.default_localedir())])
    token = i18n.current_locale.set(choose_cli_locale(config_path))
    context = click.get_current_context(silent=True)
    if context is not None:
        context.find_root().call_on_close(lambda: i18n.current_locale.reset(token))


@click.group(help="Parvis: citizen participation for cities.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Site configuration (TOML).")
@click.version_option(__version__, prog_name="parvis")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    install_cli_translations(config_path or os.environ.get("PARVIS_CONFIG"))
    ctx.obj = ctx.obj or Context(config_path)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--production", is_flag=True, help="Several worker processes, no reload.")
@click.option(
    "--workers", type=int, default=None, help="Worker processes in production (default: one per core)."
)
@click.option(
    "--jobs/--no-jobs",
    "run_jobs",
    default=None,
    help="Also run background jobs in the web process (default: in development only; "
    "in production run `parvis worker`).",
)
@pass_context
def serve(  # noqa: PLR0917 - click passes options by position
    ctx: Context, host: str, port: int, production: bool, workers: int | None, run_jobs: bool | None
) -> None:
    """Serve the site (development reload by default)."""
    import uvicorn

    from parvis.logs import logging_config, wants_json
    from parvis.web.secrets import SharedKeyError, check_shared_key

    if production:  # before anything imports prometheus_client (the site's plugins may)
        prepare_metrics_directory(
            Path(load_config(ctx.config_path).server.secret_key_file).parent / "metrics"
        )
    site = ctx.site  # validates the configuration before starting any worker
    server = site.config.server
    if ctx.config_path:  # the workers build their own site from the same file
        os.environ["PARVIS_CONFIG"] = str(Path(ctx.config_path).resolve())
    if run_jobs is None:
        run_jobs = not production
    os.environ["PARVIS_RUN_JOBS"] = "1" if run_jobs else "0"
    if production:
        try:
            check_shared_key(server.nodes, server.secret_key_file)
        except SharedKeyError as error:
            raise click.ClickException(str(error)) from None
        import logging.config

        from parvis.accounts.bootstrap import warn_at_start

        log_config = logging_config(wants_json(server.log_format, False), server.log_level.upper())
        logging.config.dictConfig(log_config)  # the advice below goes to the server's log
        warn_at_start(site)
        uvicorn.run(
            "parvis.web.app:app_factory",
            factory=True,
            host=host,
            port=port,
            workers=workers or os.cpu_count() or 1,
            # Client addresses are read from X-Forwarded-For by Parvis itself, and only from the
            # proxies of `[server] trusted_proxies` (parvis.web.addresses).
            proxy_headers=False,
            # Longer than the proxy keeps idle connections to a node (nginx: keepalive_timeout 60s
            # in the upstream block), so the proxy always closes first: with uvicorn's default of
            # 5 s a ballot sent on a connection the node was closing came back 502 (nginx does not
            # retry a POST).
            timeout_keep_alive=75,
            access_log=False,
            log_config=log_config,
            log_level=server.log_level.lower(),
        )
    else:
        site.config.server.development = True
        os.environ["PARVIS_DEVELOPMENT"] = "1"
        click.echo(
            _("Serving {city} on http://{host}:{port}/").format(
                city=site.config.site.city, host=host, port=port
            )
        )
        uvicorn.run(
            "parvis.web.app:app_factory",
            factory=True,
            host=host,
            port=port,
            reload=True,
            reload_dirs=[str(Path(__file__).parent), str(Path(__file__).parent.parent / "plugins")],
            log_config=logging_config(wants_json(server.log_format, True), server.log_level.upper()),
        )


@cli.command()
@click.option("--workers", type=int, default=2, show_default=True, help="Jobs run at the same time.")
@click.option(
    "--processes", is_flag=True, help="Run jobs in worker processes instead of threads (CPU-heavy draws)."
)
@click.option("--no-schedule", is_flag=True, help="Do not run scheduled jobs from this worker.")
@pass_context
def worker(ctx: Context, workers: int, processes: bool, no_schedule: bool) -> None:
    """Run the site's background jobs (draws, documents, exports, mail) until stopped.

    Run one or more anywhere the database is reachable: each job runs once whatever their number.
    SIGINT stops after the running jobs finish, SIGTERM at once (they are run again later).
    """

    from parvis.logs import configure_logging, wants_json
    from parvis.metrics import MULTIPROC_ENV

    if folder := os.environ.get(MULTIPROC_ENV):  # shared with the web nodes: created, never emptied
        Path(folder).mkdir(parents=True, exist_ok=True)
    site = ctx.site
    server = site.config.server
    configure_logging(wants_json(server.log_format, server.development), server.log_level.upper())
    consumer = site.jobs.consumer(workers=workers, periodic=not no_schedule, processes=processes)
    click.echo(
        _("Running the background jobs of {city} with {count} workers.").format(
            city=site.config.site.city, count=workers
        )
    )
    consumer.run()


def prepare_metrics_directory(default: Path) -> None:
    """Prometheus multiprocess mode for the workers: $PROMETHEUS_MULTIPROC_DIR (the operator's), else
    ``var/metrics``; emptied before the workers start, so counters start from zero with the server."""
    from parvis.metrics import MULTIPROC_ENV

    folder = Path(os.environ.get(MULTIPROC_ENV) or default)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROC_ENV] = str(folder.resolve())


@cli.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@pass_context
def db_upgrade(ctx: Context) -> None:
    """Apply every migration of core and the enabled plugins."""
    from parvis.migrate import upgrade

    upgrade(ctx.site)
    click.echo(_("The database is up to date."))


@db.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def db_backup(ctx: Context, file: Path) -> None:
    """Write a consistent copy of the database to FILE while the site runs (SQLite's backup API,
    or pg_dump's custom format)."""
    from parvis.backup import BackupError, backup

    try:
        backup(ctx.site.engine, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Backup written to {file}.").format(file=file))


@db.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace what a non-empty database holds.")
@pass_context
def db_restore(ctx: Context, file: Path, force: bool) -> None:
    """Load a backup made by 'parvis db backup' into the (empty) database; stop the site first."""
    from parvis.backup import BackupError, restore

    try:
        restore(ctx.site.engine, file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(_("Database restored from {file}.").format(file=file))


@db.command("revision")
@click.argument("branch")
@click.option("-m", "--message", required=True)
@pass_context
def db_revision(ctx: Context, branch: str, message: str) -> None:
    """Write the next migration of BRANCH ("core" or a plugin name) from its models (developers)."""
    from parvis.migrate import new_revision
    from parvis.pluginmanager import CORE_PLUGIN, answers_by_plugin

    site = ctx.site
    # Each plugin's folder comes from its own registration, wherever it is installed.
    folders = dict(answers_by_plugin(site.config, site.pm, "register_migrations"))
    target = folders.get(CORE_PLUGIN if branch == "core" else branch)
    if target is None:
        raise click.ClickException(
            _("No migrations folder for '{branch}': is the plugin enabled, with register_migrations?").format(
                branch=branch
            )
        )
    target = Path(target).resolve()
    target.mkdir(parents=True, exist_ok=True)
    click.echo(new_revision(site, branch, message, target))


@cli.group("mail")
def mail_group() -> None:
    """The e-mail outbox."""


@mail_group.command("deliver")
@pass_context
def mail_deliver(ctx: Context) -> None:
    """Send the messages that are due now (the periodic delivery does this by itself)."""
    from parvis.mail.delivery import deliver_due, transport_for

    site = ctx.site
    if transport_for(site) is None:
        raise click.ClickException(
            _("No mail server is configured: set smtp_url in [mail] or PARVIS_SMTP_URL.")
        )
    sent, failed = deliver_due(site)
    click.echo(_("{sent} e-mails sent, {failed} failed.").format(sent=sent, failed=failed))


@cli.command()
@click.option("--reset/--keep", default=True, help="Start from an empty database (SQLite file removed).")
@click.option("--seed", default=2026, show_default=True, type=int)
@pass_context
def demo(ctx: Context, reset: bool, seed: int) -> None:
    """Fill a fresh database with every enabled plugin's fictitious demo data."""
    from parvis.demo import DemoError, load_demo

    site = ctx.site
    steps: list[str] = []

    def progress(message: str) -> None:
        steps.append(message)
        click.echo(_("  demo data: {step}").format(step=message))

    try:
        load_demo(site, reset=reset, seed=seed, progress=progress)
    except DemoError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        _("Demo data ready ({count} steps). Sign in as official@example.org with the demo password.").format(
            count=len(steps)
        )
    )


@cli.command("plugins")
@pass_context
def plugins_command(ctx: Context) -> None:
    """List installed plugins: version, state and the hooks each implements."""
    from parvis.hookversions import HOOK_API_VERSION, deprecated_uses
    from parvis.pluginmanager import describe_plugins, unspecified_hooks

    site = ctx.site
    click.echo(_("Hook API {version}").format(version=HOOK_API_VERSION))
    described = describe_plugins(site.config, site.pm)
    width = max((len(info.name) for info in described), default=0) + 2
    for info in described:
        state = _("enabled") if info.enabled else (_("blocked") if info.blocked else _("disabled"))
        click.echo(f"{info.name:<{width}}{info.version:<10} {state}")
        if info.hooks:
            click.echo("    " + ", ".join(info.hooks))
    for plugin, hook in unspecified_hooks(site.pm):
        click.echo(
            _("warning: {plugin} implements '{hook}', which no hookspec declares").format(
                plugin=plugin, hook=hook
            )
        )
    for use in deprecated_uses(site.pm):
        click.echo(_("warning: {problem}").format(problem=use))


@cli.group("plugin")
def plugin_group() -> None:
    """Writing plugins (for developers)."""


@plugin_group.command("new")
@click.argument("name")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write (created; it must be empty). Default: ./parvis-NAME.",
)
def plugin_new(name: str, dest: Path | None) -> None:
    """Write a complete plugin NAME to start from: its package, tests and pyproject.toml."""
    from parvis.scaffold import Names, ScaffoldError, new_plugin

    try:
        folder = dest or Path(Names.of(name).dist)
        written = new_plugin(name, folder)
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    click.echo(_("{count} files written to {folder}.").format(count=len(written), folder=folder))
    click.echo(
        _(
            "Next: pip install -e {folder} in the environment that runs Parvis, run its tests with "
            "python -m pytest {folder}/tests, then add '{name}' to [plugins] enabled and run "
            "parvis db upgrade."
        ).format(folder=folder, name=name)
    )


@cli.group("config")
def config_group() -> None:
    """Site configuration."""


@config_group.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@pass_context
def config_check(ctx: Context, path: str | None) -> None:
    """Validate a configuration file (and every enabled plugin's settings) without starting anything."""
    from parvis.pluginmanager import unspecified_hooks
    from parvis.site import Site

    target = path or ctx.config_path
    install_cli_translations(target)
    try:
        site = Site.create(load_config(target))
    except ConfigError as error:
        raise ConfigProblem(str(error)) from None
    from parvis.hookversions import deprecated_uses

    for use in deprecated_uses(site.pm):  # still works: said, not refused
        click.echo(_("warning: {problem}").format(problem=use), err=True)
    problems = unspecified_hooks(site.pm)
    for plugin, hook in problems:
        click.echo(
            _("{plugin} implements '{hook}', which no hookspec declares").format(plugin=plugin, hook=hook),
            err=True,
        )
    if problems:
        sys.exit(1)
    click.echo(
        _("{file}: valid ({count} plugins enabled).").format(
            file=site.config.path, count=len(site.config.plugins.enabled)
        )
    )


@cli.group("i18n")
def i18n_group() -> None:
    """Translation catalogs (for developers working in a source tree)."""


def _unknown_domain(name: str) -> click.ClickException:
    return click.ClickException(
        _("No plugin named '{name}' registers a text domain (register_translations).").format(name=name)
    )


@i18n_group.command("update")
@click.option("--domain", default=None, help="Only this domain (parvis, or any installed plugin's name).")
def i18n_update(domain: str | None) -> None:
    """Extract messages and update the fr, en and ja catalogs."""
    from parvis import i18n_tools

    try:
        for path in i18n_tools.update(domain):
            click.echo(path)
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None


@i18n_group.command("todo")
@click.argument("locale")
@click.option("--domain", default=None)
def i18n_todo(locale: str, domain: str | None) -> None:
    """Print the untranslated messages of LOCALE as JSON, ready to fill in."""
    from parvis import i18n_tools

    try:
        click.echo(i18n_tools.dump_missing(locale, domain))
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None


@i18n_group.command("fill")
@click.argument("locale")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def i18n_fill(locale: str, file: Any) -> None:
    """Merge translations from FILE ({domain: {message: translation}}) into LOCALE's catalogs."""
    import json

    from parvis import i18n_tools

    for domain, translations in json.load(file).items():
        try:
            count = i18n_tools.fill(locale, domain, translations)
        except i18n_tools.UnknownDomainError:
            raise _unknown_domain(domain) from None
        click.echo(f"{domain}: {count}")


@i18n_group.command("merge")
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.option("--path", "result_path", required=True, help="The catalog's path in the tree (git's %P).")
def i18n_merge(base: str, ours: str, theirs: str, result_path: str) -> None:
    """Merge two versions of a catalog (a git merge driver; see docs/developing.md)."""
    from parvis import i18n_tools

    locale = Path(result_path).parent.parent.name
    conflicts = i18n_tools.merge(Path(base), Path(ours), Path(theirs), locale)
    for message in conflicts:
        click.echo(
            _("both sides translated differently, ours kept: {message}").format(message=message), err=True
        )
    if conflicts:
        sys.exit(1)


@i18n_group.command("check")
@click.option("--domain", default=None, help="Only this domain (parvis, or any installed plugin's name).")
def i18n_check(domain: str | None) -> None:
    """Fail if any message is missing, untranslated, fuzzy, has mismatched placeholders or plural
    forms that do not follow the language's rules."""
    from parvis import i18n_tools

    try:
        found = list(i18n_tools.problems(domain))
    except i18n_tools.UnknownDomainError:
        raise _unknown_domain(str(domain)) from None
    for line in found:
        click.echo(line, err=True)
    if found:
        sys.exit(1)
    click.echo("ok")


class ParvisGroup(click.Group):
    """Adds plugin commands on first use, from the configuration named on the command line.

    Commands are added once per site, so a process that builds several sites (tests, an embedding
    application) gets the commands of the plugins each one enables.
    """

    def _with_plugins(self, ctx: click.Context) -> None:
        ctx.obj = ctx.obj or Context(_config_from_argv(sys.argv[1:]))
        with contextlib.suppress(click.ClickException):  # the command itself reports a bad configuration
            site = ctx.obj.site
            seen: set[int] = self.__dict__.setdefault("_sites_with_commands", set())
            if id(site) not in seen:
                seen.add(id(site))
                site.hook.register_commands(cli=self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._with_plugins(ctx)
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands:
            self._with_plugins(ctx)
        return super().get_command(ctx, name)


cli.__class__ = ParvisGroup


def _add_core_commands() -> None:
    from parvis.accounts.cli import users
    from parvis.privacy.cli import erase_command, export_command

    users.add_command(export_command)
    users.add_command(erase_command)
    cli.add_command(users)


_add_core_commands()


def main() -> None:
    try:
        cli(prog_name="parvis")
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
