"""Routes for load balancers and monitoring: ``/healthz``, ``/readyz`` and ``/metrics``.

They sit outside the language prefix and are public in the sense of authorisation (a load
balancer has no account); ``/metrics`` checks its own bearer token and is a 404 without one.
"""

from __future__ import annotations

import secrets
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from parvis import __version__
from parvis.health import not_ready
from parvis.i18n import _
from parvis.metrics import exposition
from parvis.web.guards import public


@get("/healthz", guards=[public], include_in_schema=False, sync_to_thread=False)
def health() -> dict[str, str]:
    """The process is alive (it answers without touching the database)."""
    return {"status": "ok", "version": __version__}


@get("/readyz", guards=[public], include_in_schema=False, sync_to_thread=True)
def ready(request: Request[Any, Any, Any]) -> Response[dict[str, Any]]:
    """Ready to serve: the database answers, its schema is current, and every plugin's check
    (the job queue's) passes; else 503 with the list of what is not ready."""
    problems = not_ready(request.app.state.site)
    if problems:
        return Response({"status": "not ready", "not_ready": problems}, status_code=503)
    return Response({"status": "ready", "version": __version__})


@get("/metrics", guards=[public], include_in_schema=False, sync_to_thread=True)
def prometheus_metrics(request: Request[Any, Any, Any]) -> Response[Any]:  # JSON refusal or the text
    """Prometheus metrics, for a scraper holding ``[server] metrics_token`` as a bearer token."""
    expected = request.app.state.site.config.server.metrics_token
    if not expected:
        raise NotFoundException()
    scheme, _sep, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        return Response(
            {"status": 401, "error": _("Please sign in"), "detail": _("A valid metrics token is required.")},
            status_code=401,
            headers={"www-authenticate": 'Bearer realm="metrics"'},
        )
    body, content_type = exposition()
    return Response(body, media_type=content_type, headers={"cache-control": "no-store"})


ROUTES = [health, ready, prometheus_metrics]
