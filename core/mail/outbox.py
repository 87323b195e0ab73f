"""The outbox: messages written in the caller's transaction, delivered afterwards.

Queueing a message also starts the delivery job (``core.deliver_mail``) in the same transaction,
once per transaction: when it commits, a worker sends the mail. Web processes never talk to the
mail server; the job, scheduled every minute as well, retries what failed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from sqlalchemy import ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from parvis import metrics
from parvis.db import Base, enum_type, utcnow
from parvis.enums import LabelledEnum
from parvis.i18n import N_, use_locale
from parvis.identity import Account

if TYPE_CHECKING:
    from parvis.site import Site

DELIVERY_JOB = "parvis_mail_delivery_job"


class MailStatus(LabelledEnum):
    QUEUED = "queued", N_("Waiting")  # waiting for its first or next attempt
    SENT = "sent", N_("Sent")
    FAILED = "failed", N_("Failed")  # gave up after the last attempt; an administrator may retry it


class OutboxMail(Base):
    __tablename__ = "core_mail"
    __table_args__ = (Index("ix_core_mail_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_account.id", ondelete="CASCADE"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(8), default="")
    kind: Mapped[str] = mapped_column(String(64), default="")  # the template, or what the plugin names it
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[MailStatus] = mapped_column(enum_type(MailStatus, 16), default=MailStatus.QUEUED)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]  # a sender is on it; another waits until the claim is stale
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(500), default="")
    # The one-click unsubscribe address of a message to an account (RFC 8058; parvis.notifications).
    unsubscribe_url: Mapped[str] = mapped_column(String(500), default="")


# Line breaks and ordinary spaces a subject may not hold (no-break spaces are typography).
_ONE_LINE = re.compile("[ \t\r\n\v\f\x1c-\x1f\x85\u2028\u2029]+")


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_delivery_job(session: Session) -> None:
    session.info.pop(DELIVERY_JOB, None)


def deliver_after_commit(db: Session, site: Site) -> None:
    """Start the outbox's delivery job in ``db``'s transaction, unless this transaction already
    did: a worker sends the mail once the transaction commits (``queue`` calls it)."""
    from parvis.jobs.launch import start

    started = db.info.get(DELIVERY_JOB)
    if started is not None and started in db:  # (a savepoint rolled back takes the job with it)
        return
    # A delivery still waiting for a worker will see this mail; one already running may not.
    db.info[DELIVERY_JOB] = start(db, site, "core.deliver_mail", unique_key="outbox", join_running=False)


def recipient_locale(site: Site, account: Account | None, locale: str | None = None) -> str:
    chosen = locale or (account.locale if account is not None else None)
    return chosen if chosen in site.locales else site.config.site.default_locale


def send(
    db: Session,
    site: Site,
    to: Account | str,
    subject: str,
    text: str,
    *,
    html: str = "",
    kind: str = "",
    locale: str | None = None,
) -> OutboxMail:
    """Queue a message already written in the recipient's language (``text``; ``html`` optional,
    made from the text otherwise)."""
    return queue(db, site, compose(site, to, subject, text, html=html, kind=kind, locale=locale))


def queue(db: Session, site: Site, mail: OutboxMail) -> OutboxMail:
    """Add a composed message to the outbox, in the caller's transaction."""
    db.add(mail)
    deliver_after_commit(db, site)
    metrics.mail_queued(mail_source(mail.kind))
    return mail


def compose(
    site: Site,
    to: Account | str,
    subject: str,
    text: str,
    *,
    html: str = "",
    kind: str = "",
    locale: str | None = None,
) -> OutboxMail:
    """The message, ready for the outbox but not in it (``send`` queues it)."""
    account = to if isinstance(to, Account) else None
    address = account.email if account is not None else str(to)
    language = recipient_locale(site, account, locale)
    unsubscribe = ""
    if account is not None and account.id is not None:
        from parvis.notifications import unsubscribe as unsubscribing

        unsubscribe = unsubscribing.link(site, account.id, unsubscribing.list_of(kind), language)
    return OutboxMail(
        account_id=account.id if account is not None else None,
        to_address=address.strip(),
        locale=language,
        kind=kind[:64],
        # A subject is one header line: text from users must not add headers (header injection).
        # Only line breaks and ordinary spaces are folded: no-break spaces are typography.
        subject=_ONE_LINE.sub(" ", subject).strip()[:300],
        text_body=text,
        html_body=html or html_from_text(text, language),
        created_at=site.now(),
        next_attempt_at=site.now(),
        unsubscribe_url=unsubscribe,
    )


def mail_source(kind: str) -> str:
    """The metrics' ``source`` of a message: its kind's first part (the plugin), else "core"."""
    return kind.split(".", 1)[0] or "core"


def send_template(
    db: Session,
    site: Site,
    to: Account | str,
    template: str,
    *,
    locale: str | None = None,
    **context: Any,
) -> OutboxMail:
    """Queue a message rendered from ``<template>.txt`` in the recipient's language.

    The template (``mail/password_reset.txt``, ``budget/mail/result.txt``) fills the blocks
    ``subject`` and ``text``: plain text, rendered without HTML escaping; the HTML part is made
    from the text, escaped (``html_from_text``).
    It gets ``site``, ``city``, ``locale``, ``link(path)`` (an absolute URL in that language) and
    ``context``.
    """
    return queue(db, site, compose_template(site, to, template, locale=locale, **context))


def compose_template(
    site: Site, to: Account | str, template: str, *, locale: str | None = None, **context: Any
) -> OutboxMail:
    """The message ``send_template`` would queue, composed but not queued."""
    language, blocks = render_template(site, to, template, locale=locale, **context)
    return compose(
        site,
        to,
        blocks["subject"],
        blocks["text"] + "\n",
        kind=template,
        locale=language,
    )


def render_template(
    site: Site, to: Account | str | None, template: str, *, locale: str | None = None, **context: Any
) -> tuple[str, dict[str, str]]:
    """The recipient's language and the template's blocks rendered in it (without queueing)."""
    account = to if isinstance(to, Account) else None
    language = recipient_locale(site, account, locale)
    environment = mail_environment(site)
    with use_locale(language):
        compiled = environment.get_template(f"{template}.txt")
        values = {
            "site": site,
            "city": site.config.site.city_name(language),
            "locale": language,
            "link": lambda path="/": absolute_url(site, language, path),
            "recipient": account,
            **context,
        }
        blocks = {
            name: "".join(compiled.blocks[name](compiled.new_context(values))).strip()
            for name in ("subject", "text")
            if name in compiled.blocks
        }
    return language, blocks


def absolute_url(site: Site, locale: str, path: str) -> str:
    """``https://participation.example.org/fr/path`` from the site's public address."""
    base = (site.config.site.public_url or "http://localhost:8000").rstrip("/")
    return f"{base}/{locale}{path if path.startswith('/') else '/' + path}"


def html_from_text(text: str, locale: str = "") -> str:
    """A plain HTML part: paragraphs, line breaks and clickable links, everything escaped."""
    import re

    def paragraph(block: str) -> str:
        escaped = str(escape(block.strip()))
        linked = re.sub(r"(https?://[^\s<]+)", r'<a href="\1">\1</a>', escaped)
        return "<p>" + linked.replace("\n", "<br>\n") + "</p>"

    body = "\n".join(paragraph(b) for b in re.split(r"\n\s*\n", text) if b.strip())
    page = Markup('<!doctype html><html lang="{}"><body style="font-family:sans-serif">{}</body></html>')
    return str(page.format(locale, Markup(body)))  # noqa: S704 - every part was escaped above


def mail_environment(site: Site) -> Any:
    """The site's Jinja environment for plain-text mail (plugin template folders first, nothing
    HTML-escaped), built once per site."""
    from parvis.web.templating import site_environment

    return site_environment(site, plain_text=True)
