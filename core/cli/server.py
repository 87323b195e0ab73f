"""``parvis serve`` and ``parvis worker``: the site's web server and its background jobs."""

from __future__ import annotations

import os
from pathlib import Path

import click

from parvis.cli.context import Context, pass_context
from parvis.i18n import _


@click.command()
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
        prepare_metrics_directory(Path(ctx.config.server.secret_key_file).parent / "metrics")
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
            # core/ and plugins/ (this file is core/cli/server.py)
            reload_dirs=[str(Path(__file__).parents[1]), str(Path(__file__).parents[2] / "plugins")],
            log_config=logging_config(wants_json(server.log_format, True), server.log_level.upper()),
        )


@click.command()
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
