"""Newsletters: officials write one in each site language, choose recipients among the people
who opted in (all, some districts, the members of a body), preview it, and send it through the
queue (``core.send_newsletter``); figures come from the outbox and the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from parvis.bodies.models import Membership, MembershipStatus
from parvis.i18n import _, lazy_gettext, ngettext
from parvis.identity import Account, Person
from parvis.jobs.definitions import JobDefinition
from parvis.mail.outbox import MailStatus, OutboxMail, send_template
from parvis.notifications import unsubscribe
from parvis.notifications.models import (
    Newsletter,
    NewsletterDelivery,
    NewsletterStatus,
    NewsletterVersion,
    NotificationSettings,
)
from parvis.notifications.preferences import NEWSLETTERS
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.auth import Actor
    from parvis.jobs import JobContext
    from parvis.site import Site

SEND_JOB = "core.send_newsletter"
TEMPLATE = "mail/newsletter"
BATCH = 200


class NewsletterRefused(Refused):
    """Not possible now: already sent, or no text in the site's default language."""


def versions(db: Session, newsletter: Newsletter) -> dict[str, NewsletterVersion]:
    rows = db.scalars(select(NewsletterVersion).where(NewsletterVersion.newsletter_id == newsletter.id))
    return {v.locale: v for v in rows}


def save(
    db: Session,
    site: Site,
    newsletter: Newsletter | None,
    actor: Actor,
    *,
    texts: dict[str, tuple[str, str]],
    districts: list[str],
    body_id: int | None,
) -> Newsletter:
    """Create or change a draft: ``texts`` maps a language to (subject, body)."""
    if newsletter is None:
        newsletter = Newsletter(
            created_by_id=actor.account.id if actor.account else None, created_at=site.now()
        )
        db.add(newsletter)
        db.flush()
    elif newsletter.status != NewsletterStatus.DRAFT:
        raise NewsletterRefused(_("This newsletter has been sent: it can no longer be changed."))
    default = site.config.site.default_locale
    if not all(texts.get(default, ("", ""))):
        raise NewsletterRefused(
            _("Write the subject and the text in the site's main language first."),
            f"subject_{default}",
            status_code=400,
        )
    known = {d.code for d in site.config.districts}
    newsletter.districts = " ".join(d for d in districts if d in known)
    newsletter.body_id = body_id
    existing = versions(db, newsletter)
    for locale in site.locales:
        subject, body = texts.get(locale, ("", ""))
        version = existing.get(locale)
        if not subject and not body:
            if version is not None:
                db.delete(version)
            continue
        if version is None:
            version = NewsletterVersion(newsletter_id=newsletter.id, locale=locale)
            db.add(version)
        version.subject, version.body = subject[:200], body
    return newsletter


def recipients_query(newsletter: Newsletter) -> Any:
    """The accounts a newsletter goes to: active, opted in, in its districts and body if named."""
    query = (
        select(Account.id)
        .join(NotificationSettings, NotificationSettings.account_id == Account.id)
        .where(Account.active, NotificationSettings.newsletters)
    )
    districts = newsletter.districts.split()
    if districts:
        query = query.join(Person, Person.id == Account.person_id).where(Person.district.in_(districts))
    if newsletter.body_id is not None:
        member = (
            select(Membership.id)
            .where(
                Membership.person_id == Account.person_id,
                Membership.body_id == newsletter.body_id,
                Membership.status == MembershipStatus.ACTIVE,
            )
            .exists()
        )
        query = query.where(member)
    return query


def recipient_count(db: Session, newsletter: Newsletter) -> int:
    return int(db.scalar(select(func.count()).select_from(recipients_query(newsletter).subquery())) or 0)


def send(db: Session, site: Site, newsletter: Newsletter, actor: Actor) -> Any:
    """Start sending (a job); returns the job, whose page shows the progress."""
    from parvis.jobs.launch import start

    if site.config.site.default_locale not in versions(db, newsletter):
        raise NewsletterRefused(_("Write the subject and the text in the site's main language first."))
    claimed = db.execute(  # of two officials pressing "Send" at once, one sends it
        update(Newsletter)
        .where(Newsletter.id == newsletter.id, Newsletter.status == NewsletterStatus.DRAFT)
        .values(status=NewsletterStatus.SENDING)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]  # .rowcount: an UPDATE gives a CursorResult
        raise NewsletterRefused(_("This newsletter has already been sent."))
    newsletter.status = NewsletterStatus.SENDING
    newsletter.sent_by_id = actor.account.id if actor.account else None
    job = start(
        db,
        site,
        SEND_JOB,
        owner=actor,
        return_to=f"/admin/newsletters/{newsletter.public_id}",
        newsletter=newsletter.public_id,
    )
    newsletter.job_id = job.public_id
    return job


def deliver(job: JobContext, newsletter: str) -> None:
    """The job: one message per recipient, in their language, in batches; safe to run again."""
    db, site = job.db, job.site
    letter = db.scalar(select(Newsletter).where(Newsletter.public_id == newsletter))
    if letter is None:
        raise NewsletterRefused(_("This newsletter no longer exists."))
    texts = versions(db, letter)
    default = texts[site.config.site.default_locale]
    done = set(
        db.scalars(select(NewsletterDelivery.account_id).where(NewsletterDelivery.newsletter_id == letter.id))
    )
    wanted = [a for a in db.scalars(recipients_query(letter)) if a not in done]
    total = len(wanted) or 1
    for start in range(0, len(wanted), BATCH):
        accounts = db.scalars(select(Account).where(Account.id.in_(wanted[start : start + BATCH])))
        for account in accounts:
            locale = account.locale if account.locale in texts else default.locale
            version = texts.get(locale, default)
            mail = send_template(
                db,
                site,
                account,
                TEMPLATE,
                locale=locale,
                subject=version.subject,
                body=version.body,
                unsubscribe=unsubscribe.link(site, account.id, NEWSLETTERS, locale),
            )
            db.flush()
            db.add(
                NewsletterDelivery(
                    newsletter_id=letter.id,
                    account_id=account.id,
                    mail_id=mail.id,
                    locale=locale,
                    created_at=site.now(),
                )
            )
        job.progress(100 * min(start + BATCH, len(wanted)) / total)
    letter.status = NewsletterStatus.SENT
    letter.sent_at = site.now()
    job.set_result(
        f"/admin/newsletters/{letter.public_id}",
        ngettext(
            "The newsletter is on its way to {count} person.",
            "The newsletter is on its way to {count} people.",
            len(wanted),
        ).format(count=len(wanted)),
    )


@dataclass(frozen=True, slots=True)
class Figures:
    recipients: int
    sent: int
    failed: int
    waiting: int
    unsubscribed: int  # left the newsletters after it was sent
    bounced: int | None = None  # the outbox does not know bounces (no return-path processing)


def figures(db: Session, newsletter: Newsletter) -> Figures:
    by_status = dict(
        db.execute(
            select(OutboxMail.status, func.count())
            .join(NewsletterDelivery, NewsletterDelivery.mail_id == OutboxMail.id)
            .where(NewsletterDelivery.newsletter_id == newsletter.id)
            .group_by(OutboxMail.status)
        ).all()
    )
    recipients = int(
        db.scalar(select(func.count()).where(NewsletterDelivery.newsletter_id == newsletter.id)) or 0
    )
    unsubscribed = 0
    if newsletter.sent_at is not None:
        unsubscribed = int(
            db.scalar(
                select(func.count())
                .select_from(NewsletterDelivery)
                .join(NotificationSettings, NotificationSettings.account_id == NewsletterDelivery.account_id)
                .where(
                    NewsletterDelivery.newsletter_id == newsletter.id,
                    NotificationSettings.newsletters_stopped_at >= newsletter.sent_at,
                )
            )
            or 0
        )
    return Figures(
        recipients=recipients,
        sent=int(by_status.get(MailStatus.SENT, 0)),
        failed=int(by_status.get(MailStatus.FAILED, 0)),
        waiting=int(by_status.get(MailStatus.QUEUED, 0)),
        unsubscribed=unsubscribed,
    )


def definitions() -> list[JobDefinition]:
    return [JobDefinition(SEND_JOB, deliver, lazy_gettext("Send a newsletter"), retries=2)]
