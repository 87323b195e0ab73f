"""The ``smtp_server`` fixture: a real SMTP server on a free local port that the site's mailer sends
to during a test, and the ``Inbox`` of what arrived. Registered by ``parvis.testing``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from parvis.site import Site
from parvis.testing_web import free_port


class Inbox:
    """The messages a test SMTP server received, parsed (``email.message.EmailMessage``).

    Mail leaves through the delivery job (``core.deliver_mail``), which a worker runs once the
    transaction that queued it commits. Reading ``messages`` (or ``to``) first runs the jobs
    waiting in the queue, as a worker would have by then; ``received`` is what arrived so far,
    without running anything. With ``live_server`` its own worker runs them.
    """

    def __init__(self, run_jobs: Callable[[], Any] | None = None) -> None:
        self.received: list[Any] = []
        self._run_jobs = run_jobs

    @property
    def messages(self) -> list[Any]:
        if self._run_jobs is not None:
            self._run_jobs()
        return self.received

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if m["To"] == address]


class _SmtpHandler:
    """aiosmtpd's handler (apart from the Inbox: aiosmtpd reads every attribute of its handler)."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        from email import message_from_bytes, policy

        self.inbox.received.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server(site: Site, request: pytest.FixtureRequest) -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) on a free local port, used by the site's mailer for the test."""
    from aiosmtpd.controller import Controller

    served = "live_server" in request.fixturenames  # its worker delivers: the test must not too
    inbox = Inbox(None if served else site.jobs.drain)
    controller = Controller(_SmtpHandler(inbox), hostname="127.0.0.1", port=free_port())
    controller.start()
    previous = site.config.mail.smtp_url
    site.config.mail.smtp_url = f"smtp://127.0.0.1:{controller.port}"
    try:
        yield inbox
    finally:
        site.config.mail.smtp_url = previous
        controller.stop()
