"""The web side of Parvis's test fixtures: the app, an HTTP client that sends the CSRF token like
htmx, signing in through the real form, and the site served by uvicorn for browser tests. The
fixtures are registered by ``parvis.testing`` (which re-exports these names)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy.orm import Session

from parvis.identity import Account
from parvis.pluginmanager import hookimpl
from parvis.site import Site

TEST_PASSWORD = "password-123456"  # noqa: S105 - test accounts only
_apps: dict[int, Litestar] = {}  # one app per site: building one costs a second


@pytest.fixture
def app(site: Site) -> Litestar:
    from parvis.web.app import create_app

    if id(site) not in _apps:
        _apps[id(site)] = create_app(site)
    return _apps[id(site)]


class ParvisClient(TestClient):
    """Sends the CSRF cookie's token in the header for unsafe methods, as htmx pages do.

    ``client.post(url, data=..., csrf=False)`` sends no token, to test that a request is refused.
    ``client.peer = "203.0.113.7"`` makes the requests come from that address (the connection's
    peer, before any ``X-Forwarded-For``; Litestar's test client says "testclient").
    """

    peer: str = "testclient"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        transport: Any = self._transport
        parse = transport.parse_request

        def parse_request(request: Any) -> dict[str, Any]:
            scope = parse(request)
            scope["client"] = (self.peer, 50000)
            return scope

        transport.parse_request = parse_request

    def post(self, url: Any, *args: Any, csrf: bool = True, **kwargs: Any) -> Any:
        return self.request("POST", url, *args, csrf=csrf, **kwargs)

    session: Session | None = None

    def __enter__(self) -> ParvisClient:
        # No ASGI lifespan: Parvis starts plugins in create_app, and several clients entering and
        # leaving the lifespan of one shared app could wait on each other forever.
        with contextlib.ExitStack() as stack:
            self.blocking_portal = stack.enter_context(self.portal())
            stack.callback(lambda: delattr(self, "blocking_portal"))
            self.exit_stack = stack.pop_all()
        return self

    def request(self, method: str, url: Any, *args: Any, csrf: bool = True, **kwargs: Any) -> Any:
        if self.session is not None:
            # The test's own session commits first, so the app sees what the test prepared and the
            # test's next query starts a fresh transaction that sees what the app wrote.
            self.session.commit()
        try:
            return self._send(method, url, *args, csrf=csrf, **kwargs)
        finally:
            if self.session is not None:
                self.session.expire_all()

    def csrf_token(self) -> str | None:
        """The CSRF cookie's token (named ``__Host-parvis_csrf`` on a production site)."""
        return self.cookies.get("parvis_csrf") or self.cookies.get("__Host-parvis_csrf")

    def _send(self, method: str, url: Any, *args: Any, csrf: bool = True, **kwargs: Any) -> Any:
        if method.upper() not in {"GET", "HEAD", "OPTIONS"} and csrf:
            token = self.csrf_token()
            if token is None:
                super().request("GET", "/en/login")
                token = self.csrf_token()
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("x-csrftoken", token or "")
            kwargs["headers"] = headers
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def client(app: Litestar, db: Session) -> Iterator[ParvisClient]:
    with ParvisClient(app, base_url="http://testserver.local") as test_client:
        test_client.session = db
        yield test_client


def login(client: TestClient, account: Account, password: str = TEST_PASSWORD, locale: str = "en") -> None:
    response = client.post(
        f"/{locale}/login", data={"email": account.email, "password": password}, follow_redirects=False
    )
    assert response.status_code == 303, response.text[:500]


@pytest.fixture
def login_as(client: ParvisClient, make_account: Callable[..., Account]) -> Callable[..., Account]:
    """``login_as("official")`` creates an account with those roles and signs the client in."""

    def factory(*roles: str, **facts: Any) -> Account:
        account = make_account(*roles, **facts)
        login(client, account)
        return account

    return factory


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server(app: Litestar, db: Session) -> Iterator[str]:
    """The app served on 127.0.0.1 by uvicorn in a thread, with a job worker; yields its base URL."""
    import uvicorn

    site: Site = app.state.site
    site.jobs.flush()
    worker = site.jobs.consumer(workers=2, periodic=False, embedded=True, max_delay=0.2)
    worker.start()

    port = free_port()
    server = uvicorn.Server(
        # Idle connections kept as long as in production (parvis serve): with uvicorn's 5 s, a
        # client that opened its connection early on a busy machine posted on a closed one.
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", timeout_keep_alive=75
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        worker.stop(graceful=True)


class RoutesPlugin:
    """A test's own plugin that only adds pages, API routes and the folder of their templates:
    ``parvis_extra_plugins`` returns ``[("name", RoutesPlugin([page], templates=folder))]``."""

    def __init__(
        self, routes: Sequence[Any] = (), *, api_routes: Sequence[Any] = (), templates: Path | None = None
    ) -> None:
        self.routes, self.api_routes, self.templates = list(routes), list(api_routes), templates

    @hookimpl
    def register_routes(self, site: Site) -> list[Any]:
        return self.routes

    @hookimpl
    def register_api_routes(self, site: Site) -> list[Any]:
        return self.api_routes

    @hookimpl
    def register_template_dirs(self, site: Site) -> list[Path]:
        return [self.templates] if self.templates else []
