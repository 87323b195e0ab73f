"""An open call is announced once to the residents who may apply, in the app and by mail."""

from datetime import timedelta

from sqlalchemy import select

from parvis.councils import applications as apps
from parvis.councils.announcements import CALL
from parvis.notifications.events import sentence
from parvis.notifications.models import Notification
from parvis.notifications.notices import latest


def told(db):
    rows = db.execute(
        select(Notification.account_id, Notification.title).where(Notification.content_kind == CALL)
    )
    return sorted((account, title) for account, title in rows)


def test_an_open_call_is_announced_once_to_those_who_may_apply(
    db, site, body, term, call, applicant, run_jobs, clock, today
):
    young, old = applicant(age=20), applicant(age=45)
    apps.create_call(
        db,
        body,
        term,
        title="Appel de printemps",
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=9),
    )
    db.commit()
    hourly = clock.now.replace(minute=13, second=0, microsecond=0)
    run_jobs.schedule(hourly)
    run_jobs()
    db.commit()  # a new transaction sees what the job committed
    # The 45-year-old is past the council's age limit; the spring call is not open yet.
    assert told(db) == [(young.id, "Appel 2027")]
    [notice] = latest(db, young)
    assert notice.path == f"/bodies/{body.slug}/apply"
    assert sentence(notice) == "A call for applications you may answer is open: “Appel 2027”"

    run_jobs.schedule(hourly + timedelta(hours=1))  # the next run tells nobody again
    run_jobs()
    db.commit()  # a new transaction sees what the job committed
    assert told(db) == [(young.id, "Appel 2027")]

    clock.advance(timedelta(days=3))  # the spring call opens
    run_jobs.schedule(hourly + timedelta(days=3))
    run_jobs()

    db.commit()  # a new transaction sees what the job committed
    assert told(db) == [(young.id, "Appel 2027"), (young.id, "Appel de printemps")]
    assert old.id not in {account for account, _title in told(db)}
