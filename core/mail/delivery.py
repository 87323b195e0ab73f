"""Delivering the outbox: through SMTP, or into a folder of .eml files in development.

``deliver_due`` claims each due message before sending it (an UPDATE that only one sender can
win), so two senders on two machines never send the same message. A failed attempt is retried
later with a growing delay (1, 2, 4... minutes, at most 6 hours) until ``max_attempts``, then the
message is marked failed for an administrator to see and retry.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from urllib.parse import unquote, urlsplit

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from parvis import metrics
from parvis.db import rows_affected
from parvis.mail.outbox import MailStatus, OutboxMail, deliver_after_commit, mail_source

if TYPE_CHECKING:
    from parvis.config import Mail
    from parvis.site import Site

log = logging.getLogger("parvis.mail")
STALE_CLAIM = timedelta(minutes=10)
MAX_DELAY = timedelta(hours=6)


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...
    def close(self) -> None: ...


@dataclass
class SmtpTransport:
    """``smtp://user:password@host:25``, ``smtp+starttls://...:587`` or ``smtps://...:465``."""

    url: str
    timeout: float
    _connection: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        if self._connection is None:
            self._connection = self._connect()
        try:
            self._connection.send_message(message)
        except (OSError, smtplib.SMTPServerDisconnected):
            self._connection = None
            raise

    def _connect(self) -> smtplib.SMTP:
        parts = urlsplit(self.url)
        host, scheme = parts.hostname or "localhost", parts.scheme
        if scheme == "smtps":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                host, parts.port or 465, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(host, parts.port or 25, timeout=self.timeout)
            if scheme == "smtp+starttls":
                connection.starttls(context=ssl.create_default_context())
        if parts.username:
            connection.login(unquote(parts.username), unquote(parts.password or ""))
        return connection

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self._connection.quit()
            self._connection = None


@dataclass
class FolderTransport:
    """Development: each message becomes a file you can open in a mail program."""

    folder: Path

    def send(self, message: EmailMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").replace("@", "-at-").replace("/", "_")
        (self.folder / f"{name}.eml").write_bytes(bytes(message))

    def close(self) -> None:
        pass


def transport_for(site: Site) -> Transport | None:
    """The SMTP server when one is configured; a folder in development; else None (mail waits)."""
    settings: Mail = site.config.mail
    if settings.smtp_url:
        return SmtpTransport(settings.smtp_url, settings.timeout_seconds)
    if site.config.server.development:
        return FolderTransport(Path(settings.folder))
    return None


def sender(site: Site) -> str:
    return site.config.mail.sender or site.config.site.contact_email or "parvis@localhost"


def build_message(site: Site, mail: OutboxMail) -> EmailMessage:
    message = EmailMessage()
    from_address = sender(site)
    message["From"] = from_address
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    domain = from_address.rsplit("@", 1)[-1].strip("> ") or None
    message["Message-ID"] = make_msgid(idstring=str(mail.id), domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    if mail.unsubscribe_url:  # one-click unsubscribe (RFC 8058)
        from parvis.notifications.unsubscribe import headers

        for name, value in headers(mail.unsubscribe_url).items():
            message[name] = value
    message.set_content(mail.text_body)
    if mail.html_body:
        message.add_alternative(mail.html_body, subtype="html")
    if mail.locale:  # after the content: setting it clears Content-* headers
        message["Content-Language"] = mail.locale
    return message


def retry_delay(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_DELAY)


def _claim(db: Session, site: Site, mail_id: int) -> bool:
    now = site.now()
    claimed = rows_affected(
        db.execute(
            update(OutboxMail)
            .where(
                OutboxMail.id == mail_id,
                OutboxMail.status == MailStatus.QUEUED,
                or_(OutboxMail.claimed_at.is_(None), OutboxMail.claimed_at < now - STALE_CLAIM),
            )
            .values(claimed_at=now, attempts=OutboxMail.attempts + 1)
            .execution_options(synchronize_session=False)
        )
    )
    db.commit()
    return claimed == 1


def deliver_due(site: Site, limit: int = 500) -> tuple[int, int]:
    """Send the messages that are due; returns (sent, failed attempts). Never raises for a mail
    server problem: the message stays queued for its next attempt."""
    transport = transport_for(site)
    if transport is None:
        return 0, 0
    sent = failed = 0
    with site.session() as db:
        ids = db.scalars(
            select(OutboxMail.id)
            .where(OutboxMail.status == MailStatus.QUEUED, OutboxMail.next_attempt_at <= site.now())
            .order_by(OutboxMail.id)
            .limit(limit)
        ).all()
        db.commit()
        try:
            for mail_id in ids:
                if not _claim(db, site, mail_id):
                    continue
                mail = db.get(OutboxMail, mail_id, populate_existing=True)
                if mail is None:  # erased meanwhile (its account was deleted)
                    continue
                try:
                    transport.send(build_message(site, mail))
                except (OSError, smtplib.SMTPException, ValueError) as error:
                    failed += 1
                    metrics.mail_failed(mail_source(mail.kind))
                    mail.last_error = str(error)[:500]
                    mail.claimed_at = None
                    if mail.attempts >= site.config.mail.max_attempts:
                        mail.status = MailStatus.FAILED
                    else:
                        mail.next_attempt_at = site.now() + retry_delay(mail.attempts)
                    log.warning("could not send mail %s (attempt %s): %s", mail_id, mail.attempts, error)
                else:
                    sent += 1
                    metrics.mail_sent(mail_source(mail.kind))
                    mail.status = MailStatus.SENT
                    mail.sent_at = site.now()
                    mail.last_error = ""
                db.commit()
        finally:
            transport.close()
    return sent, failed


def retry(db: Session, site: Site, mail: OutboxMail) -> None:
    """Put a failed message back in the queue, due now (an administrator's choice)."""
    deliver_after_commit(db, site)
    mail.status = MailStatus.QUEUED
    mail.next_attempt_at = site.now()
    mail.claimed_at = None
    mail.attempts = 0
