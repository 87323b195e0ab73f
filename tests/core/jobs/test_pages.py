"""The job page (who may see it, progress, result, failure) and the officials' list of jobs."""

from __future__ import annotations

from sqlalchemy import select

from parvis import jobs
from parvis.jobs.models import Job, JobStatus
from parvis.testing import login


def test_only_the_requester_follows_their_job(client, db, site, make_account):
    owner, other = make_account(), make_account()
    job = jobs.start(db, site, "tests.count", owner=owner)
    db.commit()
    page = f"/en/jobs/{job.public_id}"
    assert client.get(page, follow_redirects=False).status_code == 303  # anonymous: sign in first
    login(client, other)
    assert client.get(page).status_code == 404
    assert client.get(page + "/status").status_code == 404
    login(client, make_account("official"))
    assert client.get(page).status_code == 404  # not an officials' job
    login(client, owner)
    response = client.get(page)
    assert response.status_code == 200
    assert "Waiting to start" in response.text and 'aria-live="polite"' in response.text
    assert f'href="/en/jobs/{job.public_id}">Refresh</a>' in response.text  # without JavaScript
    assert 'hx-trigger="every 1s"' in response.text
    login(client, make_account("admin"))
    assert client.get(page).status_code == 200


def test_officials_follow_officials_jobs(client, db, site, make_account):
    job = jobs.start(db, site, "tests.echo", owner=make_account("official"), text="hello")
    db.commit()
    login(client, make_account())
    assert client.get(f"/en/jobs/{job.public_id}").status_code == 404
    login(client, make_account("official"))
    assert client.get(f"/en/jobs/{job.public_id}").status_code == 200


def test_the_status_fragment_answers_204_until_it_changes_then_leads_to_the_result(
    client, db, site, login_as, run_jobs
):
    job = jobs.start(db, site, "tests.echo", owner=login_as(), text="All done.", url="/bodies")
    db.commit()
    status = f"/en/jobs/{job.public_id}/status"
    first = client.get(status, headers={"hx-request": "true"})
    token = first.text.split("seen=")[1].split('"')[0]
    assert client.get(f"{status}?seen={token}").status_code == 204  # nothing changed, nothing swapped
    run_jobs()
    done = client.get(f"{status}?seen={token}", headers={"hx-request": "true"})
    assert done.status_code == 200
    assert done.headers["hx-redirect"] == "/en/bodies"
    assert "hx-trigger" not in done.text  # polling stops
    page = client.get(f"/en/jobs/{job.public_id}")
    assert 'id="job-result" href="/en/bodies"' in page.text and "All done." in page.text


def test_a_file_is_downloaded_from_the_job_s_page(client, db, site, login_as, run_jobs):
    job = jobs.start(db, site, "tests.file", owner=login_as(), text="x,y\n")
    db.commit()
    response = run_jobs.follow(client, client.get(f"/en/jobs/{job.public_id}"))
    assert response.content == b"x,y\n"
    assert response.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''r%C3%A9sum%C3%A9.csv" in response.headers["content-disposition"]
    assert "Download résumé.csv" in client.get(f"/en/jobs/{job.public_id}").text


def test_a_failure_is_explained_to_the_resident_and_to_officials(client, db, site, make_account, run_jobs):
    resident = make_account()
    job = jobs.start(db, site, "tests.create_person", owner=resident, name="Zoé", fail=True)
    refused = jobs.start(db, site, "tests.refuse", owner=resident, locale="fr")
    db.commit()
    run_jobs(later=True)
    login(client, resident, locale="fr")
    page = client.get(f"/fr/jobs/{job.public_id}")
    assert "Cette tâche n’a pas pu être menée à bien" in page.text
    assert "printer caught fire" not in page.text  # the technical error is for officials
    page = client.get(f"/fr/jobs/{refused.public_id}")
    assert "Vous n’avez pas accès à cette page." in page.text and "<li>one</li>" in page.text

    login(client, make_account("official"))
    listing = client.get("/en/admin/jobs?show=failed")
    assert listing.status_code == 200
    assert "RuntimeError: the printer caught fire" in listing.text
    assert "Refused: Vous n’avez pas accès à cette page." in listing.text
    assert "Background jobs" in client.get("/en/admin").text  # linked from the back office's home
    admin_view = client.get(f"/en/jobs/{job.public_id}")
    assert admin_view.status_code == 404  # an official sees the list, not a resident's own job page


def test_officials_run_a_failed_job_again(client, db, site, make_account, login_as, run_jobs):
    job = jobs.start(db, site, "tests.flaky", owner=make_account(), failures=3)
    db.commit()
    run_jobs(later=True)
    assert db.scalar(select(Job.status).where(Job.id == job.id)) == JobStatus.FAILED
    login_as("official")
    response = client.post(f"/en/admin/jobs/{job.public_id}/retry")
    assert "The job is queued again." in response.text
    run_jobs(later=True)
    db.expire_all()
    row = db.get(Job, job.id)
    assert row.status == JobStatus.DONE and row.attempts == 1  # the 4th call succeeds
    listing = client.get("/en/admin/jobs")
    assert "Tick" in listing.text and "tests.tick" in listing.text  # the scheduled jobs
    assert client.get("/en/admin/jobs", follow_redirects=False).status_code == 200
