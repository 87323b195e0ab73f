"""The Litestar application: core and plugin routes, localised under ``/{lang}``, plus ``/api``."""

from __future__ import annotations

import os
from typing import Any

from litestar import Litestar, Request, Router, get
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig

from parvis import __version__
from parvis.logs import configure_logging, wants_json
from parvis.site import Site
from parvis.web import brand, ops
from parvis.web.blocking import watch_event_loop
from parvis.web.context import (
    preferred_locale,
    provide_actor,
    provide_db,
    request_context_middleware,
)
from parvis.web.csrf import csrf_middleware
from parvis.web.errors import handle_exception
from parvis.web.guards import public
from parvis.web.head import head_middleware
from parvis.web.hygiene import hygiene_middleware
from parvis.web.observability import observability_middleware, request_id_header
from parvis.web.secrets import check_shared_key, secret_key
from parvis.web.security import content_security_policy, map_sources, security_headers
from parvis.web.templating import build_environment
from parvis.web.unit_of_work import finish_unit_of_work


@get("/", guards=[public], name="root", include_in_schema=False, sync_to_thread=False)
def root(request: Request[Any, Any, Any]) -> Redirect:
    """``/`` sends a visitor to their language: cookie, then Accept-Language, then the site default."""
    site: Site = request.app.state.site
    locale = preferred_locale(site, request.cookies, request.headers.get("accept-language", ""))
    return Redirect(path=f"/{locale}/", status_code=302)


def run_sync_handlers_in_threads(handlers: list[Any]) -> None:
    """Synchronous handlers do database I/O: run them in worker threads, always.

    A handler on the event loop would hold up every request of the worker while its queries run
    or wait on a lock (``parvis.web.blocking``); the thread hop costs tens of microseconds.
    """
    from litestar import Controller
    from litestar.handlers import HTTPRouteHandler
    from litestar.utils.predicates import is_async_callable

    for item in handlers:
        if isinstance(item, Router):
            # A router keeps the handlers it was given in its routes, not as a list.
            run_sync_handlers_in_threads(
                [h for route in item.routes for h in getattr(route, "route_handlers", ())]
            )
        elif isinstance(item, type) and issubclass(item, Controller):
            run_sync_handlers_in_threads([v for v in vars(item).values() if isinstance(v, HTTPRouteHandler)])
        elif isinstance(item, HTTPRouteHandler) and not is_async_callable(item.fn):
            item.sync_to_thread = True


def embedded_worker(site: Site) -> tuple[Any, Any]:
    """Start and stop hooks running the site's jobs in this process (``parvis serve`` in
    development, or with ``--worker``): one worker thread and the scheduler, no separate program."""
    consumer: list[Any] = []

    def start_worker() -> None:
        worker = site.jobs.consumer(workers=1, periodic=True, embedded=True)
        worker.start()
        consumer.append(worker)

    def stop_worker() -> None:
        while consumer:
            consumer.pop().stop(graceful=True)

    return start_worker, stop_worker


def create_app(site: Site | None = None, *, run_jobs: bool = False) -> Litestar:
    """The web application; ``run_jobs`` also runs background jobs in this process."""
    site = site or Site.create()
    lifespan_start, lifespan_stop = embedded_worker(site) if run_jobs else (None, None)
    environment = build_environment(site.template_dirs)
    pages = [handler for handlers in site.hook.register_routes(site=site) for handler in handlers]
    apis = [handler for handlers in site.hook.register_api_routes(site=site) for handler in handlers]
    static_routers = [
        create_static_files_router(
            path=f"/static/{name}", directories=[folder], name=f"static-{name}", guards=[public]
        )
        for dirs in site.hook.register_static_dirs(site=site)
        for name, folder in dirs.items()
    ]
    run_sync_handlers_in_threads(pages + apis)
    watch_event_loop(site.engine, strict=False)
    development = site.config.server.development
    csrf_secret = secret_key(site.config.server.secret_key_file)
    app = Litestar(
        route_handlers=[
            root,
            *ops.ROUTES,
            *brand.ROUTES,
            Router("/{lang:str}", route_handlers=pages, include_in_schema=False),
            Router("/api", route_handlers=apis),
            *static_routers,
        ],
        dependencies={
            "db": Provide(provide_db, sync_to_thread=False),
            "actor": Provide(provide_actor),
        },
        # Observability (request ids, metrics), the request context (locale, session), then input
        # hygiene, then CSRF tokens bound to the session (parvis.web.csrf: Litestar's middleware
        # with a per-session key).
        middleware=[
            observability_middleware,
            request_context_middleware,
            hygiene_middleware,
            csrf_middleware(site, csrf_secret),
        ],
        after_request=finish_unit_of_work,
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment)),
        exception_handlers={Exception: handle_exception},
        before_send=[
            request_id_header,
            security_headers(
                development,
                content_security_policy(
                    [
                        map_sources(site.config.map.tile_url),
                        *site.hook.content_security_sources(site=site),
                    ]
                ),
            ),
        ],
        openapi_config=OpenAPIConfig(
            title="Parvis API", version=__version__, path="/api/schema", use_handler_docstrings=True
        ),
        debug=development and bool(os.environ.get("PARVIS_DEBUG")),
        request_max_body_size=20 * 1024 * 1024,
        on_startup=[lifespan_start] if lifespan_start else [],
        on_shutdown=[lifespan_stop] if lifespan_stop else [],
        logging_config=None,  # Parvis configures logging itself (parvis.logs), once per process
    )
    # HEAD is served as GET without its body, before routing (parvis.web.head).
    app.asgi_handler = head_middleware(app.asgi_handler)
    app.state.site = site
    app.state.csrf_secret = csrf_secret
    app.state.templates = environment
    for _result in site.hook.startup(site=site, app=app):
        pass
    return app


def app_factory() -> Litestar:
    """Entry point for ``uvicorn --factory parvis.web.app:app_factory`` (each worker builds its own site).

    Sets up logging (JSON lines in production), refuses to serve several nodes with a key generated
    on this machine (production), and with ``PARVIS_RUN_JOBS=1`` (set by ``parvis serve`` in
    development) runs jobs in the process too.
    """
    site = Site.create()
    server = site.config.server
    configure_logging(wants_json(server.log_format, server.development), server.log_level.upper())
    if not server.development:
        check_shared_key(server.nodes, server.secret_key_file)
    return create_app(site, run_jobs=os.environ.get("PARVIS_RUN_JOBS") == "1")
