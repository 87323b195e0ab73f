"""The Assembly's pages over HTTP: the resident's questionnaire, the official's draw, the member's
space, who may see what, and every page in French, English and Japanese."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select

from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Group, MembershipStatus
from parvis.jobs.models import StoredFile
from parvis.plugins.assembly.models import AssemblyDraw, AssemblyResponse, DrawKind, DrawStatus
from parvis.plugins.assembly.services import common, draws, seats
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import login

from .conftest import write_roll


def test_a_resident_answers_with_a_code(client, db, lettered):
    made = lettered(count=5)
    page = client.get("/en/assembly/questionnaire")
    assert page.status_code == 200
    wrong = client.post("/en/assembly/questionnaire", data={"code": "AAAA-BBBB"})
    assert wrong.status_code == 400
    assert "not valid" in wrong.text
    form = client.post("/en/assembly/questionnaire", data={"code": made[0].code.lower()})
    assert form.status_code == 200
    assert "Your highest diploma" in form.text
    answers = {
        "code": made[0].code,
        "resident": "yes",
        "age_band": "25-34",
        "gender": "woman",
        "education": "bac2",
        "district": "18",
        "neighbourhood": "goutte-dor",
        "availability": "yes",
        "consent": "1",
    }
    missing = client.post("/en/assembly/questionnaire/answers", data={**answers, "consent": ""})
    assert missing.status_code == 400
    assert "must be ticked" in missing.text
    done = client.post("/en/assembly/questionnaire/answers", data=answers, follow_redirects=False)
    assert done.status_code == 303
    response = db.scalar(select(AssemblyResponse))
    assert response.qpop
    assert response.education == "bac2"
    again = client.post("/en/assembly/questionnaire/answers", data=answers)
    assert again.status_code == 400
    assert "already been used" in again.text


def test_an_official_runs_and_publishes_the_draw(
    client, db, site, promotion, answered, make_account, tmp_path, run_jobs
):
    answered(count=150, answers=120)
    login(client, make_account("official"))
    base = f"/en/admin/assembly/{promotion.public_id}"
    assert client.get(base).status_code == 200
    college_page = client.get(f"{base}/colleges/roll")
    assert "Response rate" in college_page.text
    announced = client.post(
        f"{base}/colleges/roll/draw",
        data={
            "scheduled_at": "2030-07-01T18:00",
            "place": "Hôtel de Ville",
            "randomness_source": "EuroMillions",
        },
        follow_redirects=False,
    )
    assert announced.status_code == 303
    draw = draws.draw_for(db, promotion, common.college(promotion.body, ROLL))
    public = client.get(f"/en/assembly/draws/{draw.public_id}")
    assert draw.pool_sha256 in public.text
    assert "Quotas" in public.text
    assert client.post(f"{base}/draws/{draw.public_id}/run", data={"public_inputs": ""}).status_code == 400
    run = client.post(
        f"{base}/draws/{draw.public_id}/run",
        data={
            "public_inputs": "2030-06-27 EuroMillions 1 2 3",
            "present": "Deux agents",
            "bailiff": "Maître Exemple",
        },
        follow_redirects=False,
    )
    assert run.status_code == 303  # to the job's page: the draw runs in the background
    drawn = run_jobs.follow(client, run)
    assert drawn.url.path == f"{base}/draws/{draw.public_id}"
    db.expire_all()
    assert draw.status == DrawStatus.DRAWN
    assert client.get(f"/en/assembly/draws/{draw.public_id}").status_code == 404  # drawn, not yet published
    verifying = client.post(f"{base}/draws/{draw.public_id}/verify", follow_redirects=False)
    assert "matches its published inputs" in run_jobs.follow(client, verifying).text
    again = client.post(f"{base}/draws/{draw.public_id}/verify", follow_redirects=False)
    assert again.headers["location"].endswith(f"{base}/draws/{draw.public_id}")  # already verified
    client.post(f"{base}/draws/{draw.public_id}/publish")
    db.expire_all()
    assert draw.status == DrawStatus.PUBLISHED
    result = client.get(f"/en/assembly/draws/{draw.public_id}")
    assert draw.seed in result.text
    record = client.get(f"/en/assembly/draws/{draw.public_id}/record.json")
    assert record.headers["content-type"].startswith("application/json")
    pool = client.get(f"/en/assembly/draws/{draw.public_id}/pool.csv")
    assert pool.text.startswith("id,")
    report = client.get(f"{base}/draws/{draw.public_id}/report")
    assert "Procès-verbal du tirage au sort" in report.text  # always in French
    assert 'lang="fr"' in report.text
    pdf = run_jobs.follow(client, client.get(f"{base}/draws/{draw.public_id}/report.pdf"))
    assert pdf.content.startswith(b"%PDF")
    cached = client.get(f"{base}/draws/{draw.public_id}/report.pdf", follow_redirects=False)
    assert cached.status_code == 200 and cached.content == pdf.content  # until the draw changes
    client.post(f"{base}/draws/{draw.public_id}/report", data={"present": "Trois agents", "bailiff": "X"})
    changed = client.get(f"{base}/draws/{draw.public_id}/report.pdf", follow_redirects=False)
    assert changed.status_code == 303 and "/jobs/" in changed.headers["location"]
    assert client.get(f"{base}/seats").status_code == 200


def test_import_predraw_and_letters_through_the_back_office(
    client, db, promotion, make_account, tmp_path, run_jobs
):
    login(client, make_account("official"))
    base = f"/en/admin/assembly/{promotion.public_id}/colleges/roll"
    bad = client.post(f"{base}/import", files={"file": ("roll.csv", b"id,x\n1,2\n", "text/csv")})
    bad = run_jobs.follow(client, bad)  # checked by a job: its page says why it is refused
    assert "This task could not be completed" in bad.text
    assert "no column named" in bad.text
    roll = write_roll(tmp_path / "roll.csv", 80).read_bytes()
    ok = client.post(f"{base}/import", files={"file": ("roll.csv", roll, "text/csv")}, follow_redirects=False)
    assert ok.status_code == 303
    assert run_jobs.follow(client, ok).url.path == base
    drawn = client.post(
        f"{base}/predraw", data={"public_inputs": "2030-05-02 Loto 1 2 3"}, follow_redirects=False
    )
    assert drawn.status_code == 303
    assert run_jobs.follow(client, drawn).url.path == base
    again = client.post(f"{base}/predraw", data={"public_inputs": "2030-05-02 Loto 1 2 3"})
    assert again.status_code == 400 and "already done" in again.text
    letters_job = client.post(f"{base}/letters", follow_redirects=False)
    bundle = run_jobs.follow(client, letters_job)
    assert bundle.headers["content-type"] == "application/zip"
    # The only copy of the codes: for the official who asked only, and deleted a day later.
    stored = db.scalar(select(StoredFile).where(StoredFile.media_type == "application/zip"))
    assert stored.expires_at - stored.created_at == timedelta(days=1)
    job_page = letters_job.headers["location"]
    login(client, make_account("official"))
    assert client.get(job_page).status_code == 404
    assert client.get(job_page + "/file").status_code == 404
    login(client, make_account("admin"))
    assert "attachment" in bundle.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert sorted(names) == ["letters.csv", "letters.pdf"]
    assert "80 letters produced" in client.get(base).text
    predraw = db.scalar(select(AssemblyDraw).where(AssemblyDraw.kind == DrawKind.PREDRAW))
    public = client.get(f"/en/assembly/draws/{predraw.public_id}")
    assert predraw.pool_sha256 in public.text
    # The roll is personal data: the page says who can check the pre-draw, and with what.
    assert "parvis draw verify record.json --roll roll.csv" in public.text
    assert "--pool" not in public.text


def test_back_office_and_personal_data_need_the_right_roles(client, promotion, make_account):
    login(client, make_account())
    assert client.get(f"/en/admin/assembly/{promotion.public_id}").status_code == 403
    assert client.get("/en/assembly/members").status_code == 403
    assert client.get("/en/assembly/me/pay").status_code == 403
    assert client.get("/en/assembly/me").status_code == 200  # a citizen's own space, empty


@pytest.fixture
def member(db, site, promotion, make_account):
    account = make_account(given_name="Maëlle", family_name="Membre")
    bodies.add_member(
        db, site, promotion.body, promotion.term, account.person, status=MembershipStatus.ACTIVE
    )
    db.commit()
    return account


def test_a_member_sees_their_pages(client, db, member, promotion):
    login(client, member)
    for path in (
        "/assembly/me",
        "/assembly/me/meetings",
        "/assembly/me/pay",
        "/assembly/members",
        "/assembly/plenaries",
        "/assembly/trainings",
        "/assembly/monitoring",
        "/assembly/me/profile",
    ):
        assert client.get(f"/en{path}").status_code == 200, path
    saved = client.post(
        "/en/assembly/me/profile", data={"bio": "Bonjour", "show_email": "1"}, follow_redirects=False
    )
    assert saved.status_code == 303
    listing = client.get("/en/assembly/members")
    assert "Maëlle Membre" in listing.text
    profile = client.get(f"/en/assembly/members/{member.person.public_id}")
    assert "Bonjour" in profile.text


def test_the_monitoring_space_is_open_to_other_bodies_members(client, db, site, promotion, make_account):
    other = Body(slug="conseil-de-quartier", kind="citizens_assembly", name="Autre instance")
    db.add(other)
    db.flush()
    term = bodies.add_term(db, other, "2030", promotion.term.starts_on, promotion.term.ends_on)
    guest = make_account()
    bodies.add_member(db, site, other, term, guest.person, status=MembershipStatus.ACTIVE)
    db.commit()
    login(client, guest)
    page = client.get("/en/assembly/monitoring")
    assert page.status_code == 200
    assert "every participatory body" in page.text
    assert client.get("/en/assembly/members").status_code == 403


def test_a_drawn_person_accepts_the_seat_with_the_code(
    client, db, site, promotion, official, answered, make_account
):
    made = answered(count=150, answers=120)
    draw = draws.prepare(
        db, site, promotion, common.college(promotion.body, ROLL), actor=official, scheduled_at=None
    )
    draws.run(db, site, draw, ["x"], actor=official)
    db.commit()
    seat = seats.seats_of(db, promotion)[0]
    code = next(x.code for x in made if x.invitee.response and x.invitee.response.pool_id == seat.pool_id)
    anonymous = client.post("/en/assembly/seat", data={"code": code, "choice": "accept"})
    assert anonymous.status_code == 400
    assert "Sign in" in anonymous.text
    account = make_account()
    login(client, account)
    accepted = client.post(
        "/en/assembly/seat", data={"code": code, "choice": "accept"}, follow_redirects=False
    )
    assert accepted.status_code == 303
    db.expire_all()
    assert seat.membership.person_id == account.person_id
    assert seat.membership.status == MembershipStatus.ACTIVE
    assert client.get("/en/assembly/me/meetings").status_code == 200


def test_college_b_application_page(client, db, promotion, make_account):
    public = client.get("/en/assembly/apply")
    assert public.status_code == 200
    assert "Sign in" in public.text
    login(client, make_account())
    refused = client.post("/en/assembly/apply", data={"birth_date": "1990-01-01"})
    assert refused.status_code == 400
    sent = client.post(
        "/en/assembly/apply",
        data={
            "birth_date": "1990-01-01",
            "nationality": "SN",
            "gender": "man",
            "resident": "yes",
            "district": "19",
            "availability": "yes",
            "consent": "1",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert "you take part in the draw" in client.get("/en/assembly/apply").text


@pytest.mark.parametrize("lang", ["fr", "en", "ja"])
def test_every_page_in_every_language(client, db, site, lang, answered, promotion, make_account, member):
    answered(count=30, answers=10)
    expected = {"fr": "Assemblée citoyenne", "en": "Citizens' Assembly", "ja": "市民議会"}[lang]
    for path in (
        "/assembly",
        "/assembly/questionnaire",
        "/assembly/seat",
        "/assembly/apply",
        "/assembly/draws",
    ):
        page = client.get(f"/{lang}{path}")
        assert page.status_code == 200, path
        assert f'lang="{lang}"' in page.text
    assert expected in client.get(f"/{lang}/assembly").text.replace("&#39;", "'")
    login(client, make_account("official"), locale=lang)
    base = f"/{lang}/admin/assembly/{promotion.public_id}"
    for path in (
        "",
        "/colleges/roll",
        "/colleges/non_eu",
        "/colleges/young",
        "/seats",
        "/groups",
        "/plenaries",
        "/trainings",
        "/pay",
        "/privacy",
    ):
        assert client.get(base + path).status_code == 200, path
    assert client.get(f"/{lang}/admin/assembly").status_code == 200
    found = {g.slug for g in db.scalars(select(Group))}
    for slug in found:
        assert client.get(f"{base}/groups/{slug}").status_code == 200
        assert client.get(f"/{lang}/assembly/groups/{slug}").status_code == 200
    text = client.get(f"{base}/colleges/roll").text
    assert not re.search(r"\{[a-z_]+\}", text)  # every placeholder was filled


def test_the_home_page_shows_open_calls(client, promotion, lettered):
    lettered(count=3)
    home = client.get("/en/")
    assert "Answer the questionnaire" in home.text
    assert "Apply" in home.text


def test_bad_input_never_gives_a_server_error(client, promotion, make_account, run_jobs):
    login(client, make_account("official"))
    base = f"/en/admin/assembly/{promotion.public_id}"
    for path in (
        "/colleges/roll/predraw",
        "/colleges/roll/draw",
        "/colleges/young/letters",
        "/calendar",
        "/trainings",
        "/trainings/sessions",
        "/pay/rates",
        "/pay/export",
        "/colleges/roll/purge",
        "/seats/1/accept",
        "/groups/x/topics",
    ):
        response = client.post(base + path, data={"x": "<script>", "scheduled_at": "not a date"})
        assert response.status_code < 500, path
    garbled = client.post(
        f"{base}/colleges/roll/import", files={"file": ("x.csv", b"\xff\xfe\x00", "text/csv")}
    )
    assert "could not be read as UTF-8 CSV" in run_jobs.follow(client, garbled).text
    assert client.get(f"{base}/colleges/zzz").status_code == 404


def test_applying_needs_a_confirmed_address(client, db, promotion, make_account):
    login(client, make_account(verified=False))
    refused = client.post("/en/assembly/apply", data={"birth_date": "1990-01-01", "consent": "1"})
    assert refused.status_code == 403
    assert "Please confirm your e-mail address first" in refused.text
