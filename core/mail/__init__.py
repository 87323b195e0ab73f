"""The core mailer: every e-mail of every plugin goes through it.

``send`` (subject and text given) and ``send_template`` (rendered from templates in the
recipient's language) add the message to a persistent outbox in the caller's transaction, so a
mail exists exactly when the change it reports was committed, and is never lost when the mail
server is down. The same transaction starts the delivery job (``core.deliver_mail``), which a
worker runs once it commits: ``parvis.mail.delivery`` sends what is due, retrying with back-off.
"""

from parvis.mail.outbox import (
    MailStatus,
    OutboxMail,
    compose_template,
    deliver_after_commit,
    queue,
    render_template,
    send,
    send_template,
)

__all__ = [
    "MailStatus",
    "OutboxMail",
    "compose_template",
    "deliver_after_commit",
    "queue",
    "render_template",
    "send",
    "send_template",
]
