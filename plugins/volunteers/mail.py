"""E-mail: an outbox in the database, sent through SMTP after the transaction that wrote it.

``queue`` adds a message in the caller's transaction. ``send_pending`` (run after a request that
queued mail, and by ``parvis volunteers send-mail`` from cron) claims each message before sending
it, so two senders never send the same one, and retries failures up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from parvis.api import metrics
from parvis.db import utcnow
from parvis.plugins.volunteers.models import OutboxMail

if TYPE_CHECKING:
    from parvis.plugins.volunteers.settings import Smtp
    from parvis.site import Site

log = logging.getLogger("parvis.volunteers.mail")
MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=10)
QUEUED = "volunteers_mail_queued"


def queue(db: Session, to_address: str, subject: str, body: str) -> None:
    # A subject is one header line: organisers' titles must not add lines (header injection).
    subject = " ".join(subject.split())[:300]
    db.add(OutboxMail(to_address=to_address, subject=subject, body=body))
    db.info[QUEUED] = True
    metrics.mail_queued("volunteers")


def has_queued(db: Session) -> bool:
    """Whether this session queued mail (the request then sends it once the response is out)."""
    return bool(db.info.pop(QUEUED, False))


def _message(smtp: Smtp, mail: OutboxMail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = smtp.sender
    message["To"] = mail.to_address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=smtp.sender.rsplit("@", 1)[-1].strip("> ") or None)
    message.set_content(mail.body)
    return message


def _claim(db: Session, mail_id: int) -> bool:
    now = utcnow()
    claimed = db.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            or_(OutboxMail.claimed_at.is_(None), OutboxMail.claimed_at < now - STALE_CLAIM),
        )
        .values(claimed_at=now, attempts=OutboxMail.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.commit()
    return claimed == 1


def send_pending(site: Site, limit: int = 500) -> tuple[int, int]:
    """Send what the outbox holds; returns (sent, failed). Never raises for a mail server problem."""
    smtp: Smtp = site.settings("volunteers").smtp
    if not smtp.enabled:
        return 0, 0
    sent = failed = 0
    with site.session() as db:
        ids = db.scalars(
            select(OutboxMail.id)
            .where(OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS)
            .order_by(OutboxMail.id)
            .limit(limit)
        ).all()
        db.commit()
        if not ids:
            return 0, 0
        connection: smtplib.SMTP | None = None
        try:
            for mail_id in ids:
                if not _claim(db, mail_id):
                    continue
                mail = db.get(OutboxMail, mail_id, populate_existing=True)
                assert mail is not None
                try:
                    if connection is None:
                        connection = _connect(smtp)
                    connection.send_message(_message(smtp, mail))
                except (OSError, smtplib.SMTPException, ValueError) as error:
                    mail.last_error = str(error)[:500]
                    mail.claimed_at = None
                    failed += 1
                    metrics.mail_failed("volunteers")
                    log.warning("could not send mail %s: %s", mail_id, error)
                    connection = None
                else:
                    mail.sent_at = utcnow()
                    sent += 1
                    metrics.mail_sent("volunteers")
                db.commit()
        finally:
            if connection is not None:
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    connection.quit()
    return sent, failed


def _connect(smtp: Smtp) -> smtplib.SMTP:
    connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
    if smtp.starttls:
        connection.starttls()
    if smtp.username:
        connection.login(smtp.username, smtp.password)
    return connection
