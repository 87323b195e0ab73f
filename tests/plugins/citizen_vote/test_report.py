"""The control commission's report (every place's figures, totals that add up to the published
open data, officials only, a PDF made by a job and cached) and the live turnout counted by a
periodic job rather than on each page view."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from parvis.api import pollbook
from parvis.auth import load_actor
from parvis.plugins.citizen_vote import services
from parvis.plugins.citizen_vote.models import RollEntry
from parvis.plugins.citizen_vote.services import report
from parvis.testing import audit_entries
from parvis.testing_pdf import flat, read_pdf

# Per place, in the order of the site's districts: ballots, (yes, no, blank, null) for every
# question of the place (the local question is asked at the second place only).
FIGURES = [(4, (2, 1, 1, 0)), (5, (1, 3, 0, 1))]


def _places(vote, districts):
    return sorted(vote.places, key=lambda p: districts.index(p.district))


def _counted(db, site, vote, make_account, districts):
    """Two officials enter every place's count (agreeing); one elector marked at the first place."""
    first_place = _places(vote, districts)[0]
    entry = db.scalar(select(RollEntry).where(RollEntry.section == f"{first_place.district}-A").limit(1))
    pollbook.mark(
        db, vote.poll, str(entry.id), channel="in_person", at=vote.opens_at, place=first_place.public_id
    )
    officials = [
        make_account("official", given_name="Alice", family_name="Counter"),
        make_account("official", given_name="Bruno", family_name="Checker"),
    ]
    for account in officials:
        actor = load_actor(db, account)
        for index, place in enumerate(_places(vote, districts)):
            ballots, (yes, no, blank, null) = FIGURES[index]
            figures = {q.id: ([yes, no], blank, null) for q in services.questions_for(vote, place.district)}
            services.enter_count(
                db, vote, place, actor, services.CountInput(ballots, figures), now=site.now()
            )
    for place in vote.places:
        services.set_mismatch_reason(place, f"Reason at {place.name}")
    db.commit()
    return officials


def test_the_report_lists_every_place_and_its_totals_add_up_to_the_open_data(
    client, db, site, make_vote, make_account, login_as, districts
):
    vote = make_vote("closed")
    _counted(db, site, vote, make_account, districts)
    services.publish(db, vote, now=site.now())
    db.commit()
    names = {d.code: d.name for d in site.config.districts}
    built = report.build(db, site, vote, names, site.today())
    assert built.language == site.config.site.default_locale
    lines = [line for group in built.groups for line in group.places]
    assert [line.name for line in lines] == [p.name for p in _places(vote, districts)]
    first, second = lines
    assert (first.registered, first.marks, first.ballots, first.gap) == (3, 1, 4, 3)
    assert (second.registered, second.marks, second.ballots, second.gap) == (3, 0, 5, 5)
    assert [e.name for e in first.entries] == ["Alice Counter", "Bruno Checker"]
    assert first.reason == f"Reason at {first.name}"

    # The totals are those anyone recomputes from the published open data.
    published = json.loads(client.get(f"/api/votes/{vote.slug}/results.json").content)
    recomputed = services.tally(published["places"])
    for (question, district), total in recomputed.items():
        if district is None:
            assert built.city.totals[question] == total
    city = built.city.totals[1]
    assert (city.options, city.blank, city.null, city.ballots, city.registered) == ([3, 4], 1, 1, 9, 6)
    assert sum(g.totals[1].ballots for g in built.groups) == city.ballots
    assert (built.city.registered, built.city.marks, built.city.ballots) == (6, 1, 9)
    assert built.turnout == 9 / 6
    local = built.city.totals[2]  # the local question, asked at the second place only
    assert (local.options, local.ballots) == ([1, 3], 5)

    login_as("official")
    page = client.get(f"/en/admin/votes/{vote.slug}/report")
    assert page.status_code == 200, page.text[:300]
    assert 'lang="fr"' in page.text  # the commission's record: in the site's default language
    for place in vote.places:
        assert place.name in page.text and f"Reason at {place.name}" in page.text
    assert "Alice Counter" in page.text and "Bruno Checker" in page.text
    assert vote.roll_sha256 in page.text
    admin = client.get(f"/en/admin/votes/{vote.slug}")
    assert f"/en/admin/votes/{vote.slug}/report" in admin.text


def test_only_officials_see_the_report_once_counting_is_complete(
    client, db, site, make_vote, make_account, login_as
):
    vote = make_vote("closed")
    login_as("official")
    waiting = client.get(f"/en/admin/votes/{vote.slug}/report")
    assert waiting.status_code == 409 and "not agreed yet" in waiting.text
    assert f"/admin/votes/{vote.slug}/report" not in client.get(f"/en/admin/votes/{vote.slug}").text
    client.cookies.clear()
    login_as()  # a citizen
    assert client.get(f"/en/admin/votes/{vote.slug}/report").status_code == 403
    assert client.get(f"/en/admin/votes/{vote.slug}/report.pdf").status_code == 403


def test_the_report_pdf_is_made_by_a_job_then_served_from_its_cache(
    client, db, site, make_vote, make_account, login_as, run_jobs, districts
):
    vote = make_vote("closed")
    _counted(db, site, vote, make_account, districts)
    login_as("official")
    started = client.get(f"/en/admin/votes/{vote.slug}/report.pdf", follow_redirects=False)
    assert started.status_code in (302, 303), started.text[:300]
    made = run_jobs.follow(client, started)
    assert made.headers["content-type"] == "application/pdf"
    assert made.content.startswith(b"%PDF")
    # The printable page printed as tagged PDF/UA: its title, language and every place's figures.
    read = read_pdf(made.content)
    built = report.build(db, site, vote, {d.code: d.name for d in site.config.districts}, site.today())
    assert read.tagged and read.declares_pdf_ua
    assert read.language == built.language == site.config.site.default_locale  # an official record
    assert read.title == built.title
    for place in vote.places:
        assert flat(f"Reason at {place.name}") in flat(read.text)
    cached = client.get(f"/en/admin/votes/{vote.slug}/report.pdf", follow_redirects=False)
    assert cached.status_code == 200 and cached.content == made.content
    assert len(audit_entries(db, "citizen_vote.report.download")) == 2
    # A changed figure (a reason) makes a new PDF.
    vote.places[0].mismatch_reason = "Recounted"
    db.commit()
    again = client.get(f"/en/admin/votes/{vote.slug}/report.pdf", follow_redirects=False)
    assert again.status_code in (302, 303)


def test_turnout_shows_the_last_count_and_the_job_refreshes_it(
    client, db, site, make_vote, make_account, clock, run_jobs, districts
):
    start = clock().replace(minute=0, second=0, microsecond=0)
    clock.set(start)
    vote = make_vote()
    vote.online = True
    db.commit()
    electors = db.scalars(select(RollEntry).where(RollEntry.vote_id == vote.id).order_by(RollEntry.id)).all()
    place_of = {p.district: p for p in vote.places}
    first = electors[0]
    pollbook.mark(
        db, vote.poll, str(first.id), channel="in_person", at=start, place=place_of[first.district].public_id
    )
    db.commit()

    before = client.get(f"/en/votes/{vote.slug}")
    assert "the first figures appear shortly" in before.text

    run_jobs.schedule(start)
    run_jobs()
    shown = client.get(f"/en/votes/{vote.slug}")
    assert "Updated at" in shown.text
    snapshot = services.turnout.snapshot(db, vote)
    assert snapshot.computed_at == start
    assert {d: v for d, v, _r in snapshot.rows} == {
        first.district: 1,
        _other(districts, first.district): 0,
    }

    # Marks made since are not counted by page views: only by the next run of the job.
    second = electors[1]
    pollbook.mark(db, vote.poll, str(second.id), channel="online", at=start, place=services.ONLINE)
    db.commit()
    assert services.turnout.snapshot(db, vote).rows == snapshot.rows
    db.rollback()  # end this read, so the next one sees what the job wrote
    clock.advance(timedelta(minutes=5))
    run_jobs.schedule(clock())
    run_jobs()
    later = services.turnout.snapshot(db, vote)
    assert later.computed_at == start + timedelta(minutes=5)
    assert second.district != first.district  # the roll alternates districts
    assert {d: v for d, v, _r in later.rows} == {first.district: 1, second.district: 1}  # online: by roll


def _other(districts, code):
    return next(d for d in districts if d != code)
