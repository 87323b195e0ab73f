"""The core mailer: an outbox written with the change, delivered over SMTP in the recipient's
language, retried with back-off, never sent twice, visible to administrators."""

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from litestar import Request, post
from sqlalchemy import select

from parvis.jobs import Job, JobStatus
from parvis.mail import MailStatus, OutboxMail, send, send_template
from parvis.mail.delivery import deliver_due, retry_delay
from parvis.refusals import Refused
from parvis.testing import RoutesPlugin, login
from parvis.web.guards import public
from parvis.web.render import redirect
from parvis.web.types import DB, FormData


@post("/mailtest/send", guards=[public], status_code=303)
def send_route(request: Request, db: DB, data: FormData) -> object:
    from parvis.web.context import state_of

    send(db, state_of(request).site, str(data["to"]), "Hello", "Body")
    if data.get("refuse"):
        raise Refused("No.")
    return redirect(request, "/")


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [("mailtest", RoutesPlugin([send_route], templates=Path(__file__).parent / "templates_mail"))]


def outbox(db):
    db.commit()  # a new snapshot: see what the senders wrote
    db.expire_all()
    return db.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()


@pytest.mark.parametrize(
    ("locale", "subject", "greeting"),
    [
        ("fr", "Mon compte — Paris", "Ada: Vos informations sont enregistrées."),
        ("ja", "マイアカウント — パリ", "Ada: 登録情報を保存しました。"),
    ],
)
def test_a_template_is_written_in_the_recipients_language(
    db, site, smtp_server, make_account, locale, subject, greeting
):
    account = make_account(email="ada@example.org", given_name="Ada", family_name="")
    account.locale = locale
    send_template(db, site, account, "mailtest/mail/hello")
    db.commit()
    assert deliver_due(site) == (1, 0)
    [message] = smtp_server.messages
    assert message["Subject"] == subject
    assert message["To"] == "ada@example.org"
    assert message["Content-Language"] == locale
    assert message["From"] == site.config.mail.sender
    text = message.get_body(("plain",)).get_content()
    assert greeting in text
    assert f"http://localhost:8000/{locale}/account" in text
    html = message.get_body(("html",)).get_content()
    assert f'<html lang="{locale}">' in html
    assert f'<a href="http://localhost:8000/{locale}/account">' in html


def test_a_text_template_writes_words_as_they_are_and_escapes_them_in_the_html_part(
    db, site, smtp_server, make_account
):
    account = make_account(email="jo@example.org", given_name="Jo d'Arc <b>", family_name="")
    send_template(db, site, account, "mailtest/mail/hello")
    db.commit()
    assert deliver_due(site) == (1, 0)
    [message] = smtp_server.messages
    assert "Jo d'Arc <b>:" in message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Jo d&#39;Arc &lt;b&gt;:" in html
    assert "<b>" not in html


def test_mail_queued_by_a_request_leaves_through_a_job_and_only_if_it_committed(
    client, db, smtp_server, run_jobs
):
    client.post("/en/mailtest/send", data={"to": "kept@example.org"})
    client.post("/en/mailtest/send", data={"to": "dropped@example.org", "refuse": "1"})
    assert smtp_server.received == []  # the web worker never talks to the mail server
    [job] = db.scalars(select(Job)).all()  # one delivery job, started with the kept mail only
    assert (job.kind, job.unique_key, job.status) == ("core.deliver_mail", "outbox", JobStatus.QUEUED)
    assert run_jobs() == 1
    assert [m["To"] for m in smtp_server.received] == ["kept@example.org"]
    assert [m.to_address for m in outbox(db)] == ["kept@example.org"]
    assert outbox(db)[0].status == MailStatus.SENT


def test_a_transaction_starts_one_delivery_which_a_later_one_joins_until_it_runs(db, site):
    def delivery_jobs():
        db.commit()
        return db.scalars(select(Job).where(Job.kind == "core.deliver_mail").order_by(Job.id)).all()

    send(db, site, "a@example.org", "Hello", "Body")
    send(db, site, "b@example.org", "Hello", "Body")
    [first] = delivery_jobs()
    send(db, site, "c@example.org", "Hello", "Body")
    assert delivery_jobs() == [first]  # still waiting: it will send c too
    first.status = JobStatus.RUNNING  # a worker may have read the outbox already
    send(db, site, "d@example.org", "Hello", "Body")
    first, second = delivery_jobs()
    second.status = JobStatus.RUNNING
    savepoint = db.begin_nested()
    send(db, site, "e@example.org", "Hello", "Body")
    savepoint.rollback()  # takes the job it started with it: the transaction needs another
    send(db, site, "f@example.org", "Hello", "Body")
    assert len(delivery_jobs()) == 3


def test_text_from_users_cannot_add_headers(db, site, smtp_server):
    send(db, site, "x@example.org", "Repas\r\nBcc: victim@example.org", "Corps")
    db.commit()
    deliver_due(site)
    assert smtp_server.messages[0]["Subject"] == "Repas Bcc: victim@example.org"
    assert smtp_server.messages[0]["Bcc"] is None


def test_an_unreachable_server_delays_mail_with_growing_waits_then_gives_up(db, site, clock):
    site.config.mail.smtp_url = "smtp://127.0.0.1:9"  # the discard port: nothing listens
    try:
        send(db, site, "x@example.org", "Sujet", "Corps")
        db.commit()
        waits = []
        for _attempt in range(site.config.mail.max_attempts):
            assert deliver_due(site) == (0, 1)
            [mail] = outbox(db)
            assert mail.last_error
            if mail.status == MailStatus.QUEUED:
                waits.append(mail.next_attempt_at - site.now())
                assert deliver_due(site) == (0, 0)  # not due yet
                clock.advance(waits[-1])
        assert mail.status == MailStatus.FAILED
        assert waits == [retry_delay(n) for n in range(1, site.config.mail.max_attempts)]
        assert waits[0] == timedelta(minutes=1) and waits[-1] > waits[0]
    finally:
        site.config.mail.smtp_url = ""


def test_two_senders_never_send_a_message_twice(db, site, smtp_server):
    for n in range(30):
        send(db, site, f"p{n}@example.org", "Hello", "Body")
    db.commit()
    results = []
    senders = [threading.Thread(target=lambda: results.append(deliver_due(site))) for _ in range(2)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert sum(sent for sent, _failed in results) == 30
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(f"p{n}@example.org" for n in range(30))


def test_development_writes_mail_to_files(db, site):
    send(db, site, "dev@example.org", "Sujet", "Corps")
    db.commit()
    assert deliver_due(site) == (1, 0)
    files = Path(site.config.mail.folder).glob("*.eml")
    [written] = [p for p in files if b"dev@example.org" in p.read_bytes()]
    assert b"Subject: Sujet" in written.read_bytes()


def test_administrators_see_failures_and_send_again(client, db, site, make_account, smtp_server):
    mail = OutboxMail(
        to_address="late@example.org",
        subject="Rappel",
        text_body="Corps",
        status=MailStatus.FAILED,
        attempts=8,
        last_error="Connection refused",
    )
    db.add(mail)
    db.commit()
    login(client, make_account("admin"))
    listing = client.get("/en/admin/mail", params={"status": "failed"})
    assert "late@example.org" in listing.text and "Connection refused" in listing.text
    client.post(f"/en/admin/mail/{mail.id}/retry")
    assert [m["To"] for m in smtp_server.messages] == ["late@example.org"]
    assert outbox(db)[0].status == MailStatus.SENT


def test_the_smtp_url_comes_from_the_environment(monkeypatch):
    from parvis.config import load_config

    monkeypatch.setenv("PARVIS_SMTP_URL", "smtp+starttls://user:secret@mail.example.org:587")
    assert load_config().mail.smtp_url == "smtp+starttls://user:secret@mail.example.org:587"


def test_the_command_line_delivers_the_outbox(db, site, smtp_server):
    from click.testing import CliRunner

    from parvis.cli import cli

    send(db, site, "cli@example.org", "Hello", "Body")
    db.commit()
    runner = CliRunner()
    result = runner.invoke(cli, ["mail", "deliver"], obj=_context(site), env={"PARVIS_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 e-mails sent, 0 failed."
    assert [m["To"] for m in smtp_server.messages] == ["cli@example.org"]


def _context(site):
    from parvis.cli import Context

    context = Context(None)
    context._site = site
    return context


def mails_counted(source, state):
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value("parvis_mails_total", {"source": source, "state": state}) or 0.0


def test_mail_is_counted_for_metrics(db, site, smtp_server):
    states = ("queued", "sent", "failed")
    before = {s: mails_counted("volunteers", s) for s in states}
    core_before = mails_counted("core", "queued")
    send(db, site, "x@example.org", "Sujet", "Corps", kind="volunteers.reminder")
    send(db, site, "y@example.org", "Sujet", "Corps", kind="volunteers.notice")
    send(db, site, "z@example.org", "Sujet", "Corps")
    db.commit()
    assert deliver_due(site) == (3, 0)
    send(db, site, "w@example.org", "Sujet", "Corps", kind="volunteers.notice")
    db.commit()
    smtp_url = site.config.mail.smtp_url
    site.config.mail.smtp_url = "smtp://127.0.0.1:9"  # nothing listens: a failed attempt
    try:
        assert deliver_due(site) == (0, 1)
    finally:
        site.config.mail.smtp_url = smtp_url
    after = {s: mails_counted("volunteers", s) for s in states}
    assert {s: after[s] - before[s] for s in states} == {"queued": 3, "sent": 2, "failed": 1}
    assert mails_counted("core", "queued") - core_before == 1
