"""The Assembly's pages over HTTP: the resident's questionnaire, the official's draw, the member's
space, who may see what, and every page in French, English and Japanese."""

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from parvis.bodies import services as bodies
from parvis.bodies.models import Body, Group, MembershipStatus
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
    client, db, site, promotion, answered, make_account, tmp_path
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
    assert run.status_code == 303
    db.expire_all()
    assert client.get(f"/en/assembly/draws/{draw.public_id}").status_code == 404  # drawn, not yet published
    verified = client.post(f"{base}/draws/{draw.public_id}/verify")
    assert "matches its published inputs" in verified.text
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
    pdf = client.get(f"{base}/draws/{draw.public_id}/report.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert client.get(f"{base}/seats").status_code == 200


def test_import_predraw_and_letters_through_the_back_office(client, db, promotion, make_account, tmp_path):
    login(client, make_account("official"))
    base = f"/en/admin/assembly/{promotion.public_id}/colleges/roll"
    bad = client.post(f"{base}/import", files={"file": ("roll.csv", b"id,x\n1,2\n", "text/csv")})
    assert bad.status_code == 400
    assert "no column named" in bad.text
    roll = write_roll(tmp_path / "roll.csv", 80).read_bytes()
    ok = client.post(f"{base}/import", files={"file": ("roll.csv", roll, "text/csv")}, follow_redirects=False)
    assert ok.status_code == 303
    drawn = client.post(
        f"{base}/predraw", data={"public_inputs": "2030-05-02 Loto 1 2 3"}, follow_redirects=False
    )
    assert drawn.status_code == 303
    bundle = client.post(f"{base}/letters")
    assert bundle.headers["content-type"] == "application/zip"
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


def test_bad_input_never_gives_a_server_error(client, promotion, make_account):
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
    assert (
        client.post(
            f"{base}/colleges/roll/import", files={"file": ("x.csv", b"\xff\xfe\x00", "text/csv")}
        ).status_code
        == 400
    )
    assert client.get(f"{base}/colleges/zzz").status_code == 404


def test_applying_needs_a_confirmed_address(client, db, promotion, make_account):
    login(client, make_account(verified=False))
    refused = client.post("/en/assembly/apply", data={"birth_date": "1990-01-01", "consent": "1"})
    assert refused.status_code == 403
    assert "Please confirm your e-mail address first" in refused.text
