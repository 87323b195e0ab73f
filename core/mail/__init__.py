"""The core mailer: every e-mail of every plugin goes through it.

``send`` (subject and text given) and ``send_template`` (rendered from templates in the
recipient's language) add the message to a persistent outbox in the caller's transaction, so a
mail exists exactly when the change it reports was committed, and is never lost when the mail
server is down. ``deliver`` sends what is due (``parvis.mail.delivery``), retrying with back-off.
"""

from sqlalchemy.orm import Session

from parvis.mail.outbox import (
    MailStatus,
    OutboxMail,
    committed_mail,
    compose_template,
    queue,
    render_template,
    send,
    send_template,
)


def deliver_committed(db: Session) -> None:
    """Outside a web request (a command, a job): once ``db`` committed, send what it queued."""
    from parvis.mail.delivery import deliver_due

    site = committed_mail(db)
    if site is not None:
        deliver_due(site)


__all__ = [
    "MailStatus",
    "OutboxMail",
    "committed_mail",
    "compose_template",
    "deliver_committed",
    "queue",
    "render_template",
    "send",
    "send_template",
]
