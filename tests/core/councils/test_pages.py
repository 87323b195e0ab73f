"""The councils' pages: applying, the referrals register, hearings, the report, the back office
and the draw's public record; refusals re-render the form, nothing gives a 500."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from parvis.bodies import services
from parvis.councils import applications as apps
from parvis.councils import draws, hearings, referrals
from parvis.councils.models import Application, ApplicationStatus, Referral

from .conftest import SAMPLE, born

LOTTERY = "2026-11-20 Loto 3 14 27 33 41 * 6"


def form(today, **extra):
    data = {
        "given_name": "Zoé",
        "family_name": "Martin",
        "birth_date": born(19, today).isoformat(),
        "gender": "woman",
        "motivation": "Agir pour mon quartier.",
        "consent": "1",
    }
    return {**data, **extra}


def test_anyone_sees_the_call_and_is_asked_to_sign_in(client, body, call):
    page = client.get(f"/en/bodies/{body.slug}/apply")
    assert page.status_code == 200
    assert "Appel 2027" in page.text
    assert "Aged 15 to 30." in page.text
    assert "Sign in to apply" in page.text


def test_a_resident_applies_and_sees_the_status(client, db, body, call, login_as, today):
    account = login_as()
    response = client.post(f"/en/bodies/{body.slug}/apply", data=form(today), follow_redirects=False)
    assert response.status_code == 303
    application = db.scalar(select(Application))
    assert application.person_id == account.person_id
    db.refresh(account.person)
    assert (account.person.given_name, account.person.gender) == ("Zoé", "woman")
    page = client.get(f"/en/bodies/{body.slug}/apply")
    assert "Status: Received." in page.text
    client.post(f"/en/bodies/{body.slug}/apply/withdraw")
    db.expire_all()
    assert db.scalar(select(Application)).status == ApplicationStatus.WITHDRAWN


def test_an_ineligible_applicant_gets_every_reason_and_keeps_the_input(
    client, db, body, call, login_as, today
):
    login_as()
    response = client.post(
        f"/en/bodies/{body.slug}/apply", data=form(today, birth_date=born(40, today).isoformat())
    )
    assert response.status_code == 400
    assert "You must be at most 30 years old." in response.text
    assert 'value="Martin"' in response.text
    assert db.scalar(select(Application)) is None
    empty = client.post(f"/en/bodies/{body.slug}/apply", data={})
    assert empty.status_code == 400
    assert "This field is required." in empty.text


def test_messages_are_translated(client, body, call, login_as, today):
    login_as()
    response = client.post(
        f"/fr/bodies/{body.slug}/apply", data=form(today, birth_date=born(40, today).isoformat())
    )
    assert "Vous devez avoir au plus 30 ans." in response.text


def test_no_call_no_form(client, body, login_as, today):
    login_as()
    assert "no open call" in client.get(f"/en/bodies/{body.slug}/apply").text
    assert client.post(f"/en/bodies/{body.slug}/apply", data=form(today)).status_code == 400


def test_only_councils_have_these_pages(client, db, site):
    plain = services.create_body(db, site, "plain_body", "Pas un conseil")
    db.commit()
    for path in ("apply", "referrals", "hearings", "report/2026"):
        assert client.get(f"/en/bodies/{plain.slug}/{path}").status_code == 404
    assert client.get("/en/bodies/no-such-body/referrals").status_code == 404


def test_officials_register_and_update_referrals(client, db, body, login_as, today):
    login_as("official")
    bad = client.post(f"/en/admin/bodies/{body.slug}/referrals", data={"origin": "pope", "title": ""})
    assert bad.status_code == 400
    assert "Choose among the options shown." in bad.text
    ok = client.post(
        f"/en/admin/bodies/{body.slug}/referrals",
        data={"origin": "mayor", "title": "Le sport au féminin", "received_on": today.isoformat()},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    referral = db.scalar(select(Referral))
    client.post(
        f"/en/admin/bodies/{body.slug}/referrals/{referral.public_id}", data={"status": "in_progress"}
    )
    db.expire_all()
    assert db.scalar(select(Referral)).status == "in_progress"
    page = client.get(f"/en/bodies/{body.slug}/referrals")
    assert "Le sport au féminin" in page.text
    assert "Referral by the Mayor" in page.text


def test_citizens_cannot_use_the_back_office(client, body, call, login_as):
    login_as()
    assert client.post(f"/en/admin/bodies/{body.slug}/referrals", data={}).status_code == 403
    assert client.get(f"/en/admin/bodies/{body.slug}/calls").status_code == 403
    assert "Register a referral" not in client.get(f"/en/bodies/{body.slug}/referrals").text


def test_hearings_with_guests_and_minutes(client, db, site, body, login_as, today):
    login_as("official")
    data = {
        "title": "Audition sur le sport",
        "starts_at": f"{today.isoformat()}T18:00",
        "ends_at": f"{today.isoformat()}T17:00",
        "public": "1",
        "name": "Lucas Moreau",
        "organisation": "Ligue fictive",
        "topic": "Les terrains",
    }
    wrong = client.post(f"/en/admin/bodies/{body.slug}/hearings", data=data)
    assert wrong.status_code == 400
    assert "The end must be after the start." in wrong.text
    created = client.post(
        f"/en/admin/bodies/{body.slug}/hearings",
        data={**data, "ends_at": f"{today.isoformat()}T20:00"},
        follow_redirects=False,
    )
    assert created.status_code == 303
    meeting = hearings.hearings(db, body, include_private=True)[0]
    base = f"/en/admin/bodies/{body.slug}/hearings/{meeting.public_id}"
    client.post(f"{base}/guests", data={"name": "Ana Silva", "organisation": "Réseau fictif"})
    client.post(f"{base}/minutes", data={"minutes": "Échanges nourris."})
    page = client.get(f"/en/bodies/{body.slug}/hearings/{meeting.public_id}")
    assert "Lucas Moreau, Ligue fictive — Les terrains" in page.text
    assert "Ana Silva" in page.text
    assert "Échanges nourris." in page.text
    assert client.get(f"/en/bodies/{body.slug}/hearings/nope").status_code == 404


def test_private_hearings_are_for_members_and_officials(client, db, site, body, today):
    from datetime import UTC, datetime

    start = datetime(today.year, today.month, today.day, 17, tzinfo=UTC)
    private = hearings.add_hearing(
        db, site, body, title="Huis clos", starts_at=start, ends_at=start + timedelta(hours=1), public=False
    )
    db.commit()
    assert client.get(f"/en/bodies/{body.slug}/hearings/{private.public_id}").status_code == 404
    assert "Huis clos" not in client.get(f"/en/bodies/{body.slug}/hearings").text


def test_the_annual_report_page(client, db, body, today):
    referrals.add_referral(db, body, origin="self", title="Mobilités douces", received_on=today)
    db.commit()
    page = client.get(f"/en/bodies/{body.slug}/report/{today.year}")
    assert page.status_code == 200
    assert "Mobilités douces" in page.text
    assert "No vœu was filed with the Council of Paris this year." in page.text
    assert client.get(f"/en/bodies/{body.slug}/report/99999").status_code == 404


def test_the_back_office_runs_the_draw_and_publishes_it(
    client, db, site, body, closed_call, applicant, login_as, today, run_jobs
):
    for _ in range(4):
        application = apps.Application(call_id=closed_call.id, person_id=applicant().person_id)
        db.add(application)
    db.commit()
    login_as("official")
    base = f"/en/admin/bodies/{body.slug}/calls/{closed_call.public_id}"
    page = client.get(base)
    assert page.status_code == 200
    assert "4 applications enter the draw." in page.text
    missing = client.post(f"{base}/draw", data={"public_inputs": ""})
    assert missing.status_code == 400
    started = client.post(f"{base}/draw", data={"public_inputs": LOTTERY}, follow_redirects=False)
    assert started.status_code == 303 and "/en/jobs/" in started.headers["location"]
    done = run_jobs.follow(client, started)  # the draw runs as a job; its page leads to the call
    assert done.status_code == 200 and done.url.path == base
    db.expire_all()
    assert db.get(type(closed_call), closed_call.id).drawn_at is not None
    public = client.get(f"/en/bodies/{body.slug}/draws/{closed_call.public_id}")
    assert public.status_code == 200
    assert "the result is the same" in public.text
    record = client.get(f"/en/bodies/{body.slug}/draws/{closed_call.public_id}/record.json")
    assert record.json()["public_inputs"] == [LOTTERY]
    pool = client.get(f"/en/bodies/{body.slug}/draws/{closed_call.public_id}/pool.csv")
    assert pool.text.startswith("id,everyone\n")
    again = client.post(f"{base}/draw", data={"public_inputs": LOTTERY})
    assert again.status_code == 400
    assert "already taken place" in again.text


def test_calls_are_created_in_the_back_office(client, db, body, login_as, today):
    login_as("official")
    term = body.terms[-1]
    bad = client.post(
        f"/en/admin/bodies/{body.slug}/calls",
        data={
            "title": "Appel",
            "term": str(term.id),
            "opens_on": today.isoformat(),
            "closes_on": "2000-01-01",
        },
    )
    assert bad.status_code == 400
    assert "must not be before" in bad.text
    ok = client.post(
        f"/en/admin/bodies/{body.slug}/calls",
        data={
            "title": "Appel",
            "term": str(term.id),
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert apps.current_call(db, body, today).title == "Appel"


def test_a_review_refusal_needs_a_reason(client, db, site, body, call, applicant, login_as, today):
    application = apps.apply(db, site, SAMPLE, call, applicant().person, today=today)
    db.commit()
    login_as("official")
    url = f"/en/admin/bodies/{body.slug}/calls/{call.public_id}/applications/{application.public_id}"
    refused = client.post(url, data={"decision": "reject"})
    assert refused.status_code == 400
    assert "Say why" in refused.text
    assert client.post(url, data={}).status_code == 400
    client.post(url, data={"decision": "admit"})
    db.expire_all()
    assert db.get(Application, application.id).status == ApplicationStatus.VERIFIED


def test_an_open_call_is_announced_on_the_home_page(client, call):
    home = client.get("/en/")
    assert "Appel 2027" in home.text
    assert "/en/bodies/conseil-des-echantillons/apply" in home.text


@pytest.mark.parametrize("path", ["draws/nope", "draws/nope/record.json", "draws/nope/pool.csv"])
def test_no_record_before_the_draw(client, body, call, path):
    assert client.get(f"/en/bodies/{body.slug}/{path}").status_code == 404
    assert client.get(f"/en/bodies/{body.slug}/draws/{call.public_id}").status_code == 404
    assert draws.record_of(call) is None


def test_applying_needs_a_confirmed_address(client, db, body, call, login_as, today):
    login_as(verified=False)
    response = client.post(f"/en/bodies/{body.slug}/apply", data=form(today), follow_redirects=False)
    assert response.status_code == 403
    assert "Please confirm your e-mail address first" in response.text
    assert 'href="/en/account/email"' in response.text
    assert db.scalar(select(Application)) is None
