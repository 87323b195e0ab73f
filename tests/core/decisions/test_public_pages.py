"""The public tracker: pages, filters, the timeline, members' comments and ballots, exports."""

import csv
import io
import re
from datetime import date

import pytest

from parvis.decisions import followup, votes
from parvis.formatting import punctuate
from parvis.i18n import _, use_locale
from parvis.testing import login
from parvis.testing_pdf import flat, read_pdf


@pytest.fixture
def tracked(db, site, make_decision, official_actor):
    """Three public recommendations at different stages, and a draft."""
    done = make_decision("in_implementation", title="Ouvrir les bibliothèques le dimanche", topic="Culture")
    followup.update_followup(
        db,
        site,
        done,
        official_actor,
        status="done",
        progress=100,
        response="Fait depuis 2023.",
        department="Affaires culturelles",
    )
    late = make_decision("adopted", title="Cent rues jardins", topic="Environnement")
    followup.update_followup(
        db,
        site,
        late,
        official_actor,
        status="in_progress",
        progress=35,
        department="Espaces verts",
        expected_on=date(2020, 1, 1),
        response="Accord de la Ville.",
    )
    waiting = make_decision("submitted", title="Rénovation énergétique", topic="Logement")
    draft = make_decision("draft", title="Brouillon secret")
    db.commit()
    return {"done": done, "late": late, "waiting": waiting, "draft": draft}


def test_the_home_page_leads_to_the_followup_in_each_language(client, tracked):
    for lang, label in (("en", "Right to follow-up"), ("fr", "Droit de suite"), ("ja", "フォローアップ")):
        home = client.get(f"/{lang}/")
        assert home.status_code == 200
        assert f'href="/{lang}/follow-up"' in home.text
        assert label in home.text
        index = client.get(f"/{lang}/follow-up")
        assert f"/{lang}/bodies/citizens-assembly/follow-up" in index.text


def test_the_body_page_shows_status_progress_and_a_chart(client, tracked):
    page = client.get("/en/bodies/citizens-assembly/follow-up")
    assert page.status_code == 200
    text = page.text
    assert "Ouvrir les bibliothèques le dimanche" in text
    assert "Brouillon secret" not in text  # drafts are not public
    assert 'value="35"' in text
    assert "35%" in text
    assert "Overdue" in text
    assert "How far the measures have gone" in text  # the chart's caption (a table with the figures)
    assert "1 decision is awaiting the City's decision." in text
    assert "3 decisions shown" in text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=done", "bibliothèques", "Cent rues"),
        ("status=awaiting", "Rénovation", "Cent rues"),
        ("topic=Environnement", "Cent rues", "bibliothèques"),
        ("department=Espaces+verts", "Cent rues", "bibliothèques"),
        ("q=renovation", "Rénovation", "Cent rues"),  # accents do not matter
        ("q=RUES+jardins", "Cent rues", "bibliothèques"),
        ("term=2025-27", "Cent rues", "Brouillon"),
    ],
)
def test_filters_work_without_javascript(client, tracked, query, shown, hidden):
    page = client.get(f"/en/bodies/citizens-assembly/follow-up?{query}")
    assert page.status_code == 200
    assert shown in page.text
    assert hidden not in page.text


def test_htmx_gets_the_same_route_as_a_fragment(client, tracked):
    page = client.get("/en/bodies/citizens-assembly/follow-up?status=done", headers={"hx-request": "true"})
    assert page.status_code == 200
    assert "<html" not in page.text
    assert 'id="tracker"' in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/en/bodies/citizens-assembly/follow-up?status=%00%ff&term=" + "x" * 5000,
        "/en/bodies/citizens-assembly/follow-up?q=" + "é" * 3000,
        "/en/bodies/nowhere/follow-up",
        "/en/decisions/not-a-real-id",
        "/en/decisions/" + "x" * 400,
        "/en/bodies/citizens-assembly/follow-up/report?format=docx",
        "/api/bodies/citizens-assembly/follow-up.json?lang=xx",
    ],
)
def test_bad_input_never_gives_a_server_error(client, tracked, path):
    assert client.get(path).status_code < 500


def test_a_draft_is_only_visible_to_the_bodys_members(client, db, tracked, make_member):
    path = f"/en/decisions/{tracked['draft'].public_id}"
    assert client.get(path).status_code == 404
    login(client, make_member())
    assert client.get(path).status_code == 200


def test_the_decision_page_has_its_full_timeline(client, tracked):
    page = client.get(f"/fr/decisions/{tracked['done'].public_id}")
    assert page.status_code == 200
    text = page.text
    assert "Fait depuis 2023." in text
    assert "Affaires culturelles" in text
    assert "Vote du Conseil de Paris" in text or "Conseil de Paris" in text
    adopted = "Nouvelle étape\u202f: Adoptée par le Conseil de Paris"
    assert text.index("Décision rédigée") < text.index(adopted)


@pytest.mark.hooks("register_commenting")
def test_members_comment_on_their_bodys_followup(client, db, tracked, make_member):
    """Members discuss the follow-up in core's comments (parvis.comments), as before: only they."""
    path = f"/en/decisions/{tracked['late'].public_id}"
    comments = f"/en/comments/decisions.decision/{tracked['late'].public_id}"
    assert "Your comment" not in client.get(path).text
    assert client.post(comments, data={"body": "Et le 19e ?"}, follow_redirects=False).status_code in (
        303,
        401,
    )
    login(client, make_member())
    page = client.get(path)
    assert "Your comment" in page.text
    response = client.post(comments, data={"body": "Et le 19e ?"}, follow_redirects=False)
    assert response.status_code == 303 and "#comment-" in response.headers["location"]
    assert "Et le 19e ?" in client.get(path).text  # an English page: as typed
    assert client.post(comments, data={"body": ""}).status_code == 400


def test_a_non_member_may_not_comment(client, tracked, login_as):
    login_as()
    path = f"/en/comments/decisions.decision/{tracked['late'].public_id}"
    assert client.post(path, data={"body": "Je ne suis pas membre"}).status_code == 403


def test_members_vote_and_results_stay_hidden_until_closed(
    client, db, site, tracked, make_member, official_actor
):
    draft = tracked["draft"]
    member = make_member()
    vote = votes.open_vote(db, site, draft, official_actor)
    db.commit()
    login(client, member)
    path = f"/en/decisions/{draft.public_id}"
    assert "Your vote" in client.get(path).text
    response = client.post(f"{path}/ballot", data={"choice": "against"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(path).text
    assert "You have voted." in page
    assert re.search(r"1 of \d+ members have voted", page)
    assert "against" not in page.lower().split("history")[0].replace("votes against", "")
    assert client.post(f"{path}/ballot", data={"choice": "for"}).status_code == 409
    votes.close_vote(db, db.merge(vote), official_actor)
    db.commit()
    assert "0 for, 1 against, 0 abstentions" in client.get(path).text


def test_the_printable_report_and_its_pdf(client, db, site, tracked, make_decision, official_actor, run_jobs):
    """The PDF is the report's own page printed as tagged PDF/UA, in the requester's language."""
    japanese = make_decision("adopted", title="日曜日に図書館を開く", topic="文化")
    followup.update_followup(
        db, site, japanese, official_actor, status="in_progress", progress=50, response="区役所と調整中です。"
    )
    db.commit()
    page = client.get("/en/bodies/citizens-assembly/follow-up/report?term=2025-27")
    assert page.status_code == 200
    assert "Right to follow-up: Assemblée citoyenne, 2025-27" in page.text
    assert "/static/core/decisions/followup.css" in page.text
    assert "/static/core/print.css" in page.text  # the print stylesheet the PDF is made with
    for lang in ("fr", "en", "ja"):
        started = client.get(f"/{lang}/bodies/citizens-assembly/follow-up/report?format=pdf")
        assert started.url.path.startswith(f"/{lang}/jobs/")  # made by a job; its page is public
        pdf = run_jobs.follow(client, started)
        assert pdf.status_code == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        read = read_pdf(pdf.content)
        assert read.tagged and read.declares_pdf_ua and read.language == lang
        with use_locale(lang):
            title, summary = _("Right to follow-up: {body}").format(body="Assemblée citoyenne"), _("Summary")
            response_label = _("The City's response")
        assert read.title == punctuate(title, lang)
        for expected in (
            "Ouvrir les bibliothèques le dimanche",
            "Cent rues jardins",
            "Accord de la Ville.",
            "日曜日に図書館を開く",  # Japanese text as text (a font with kana and kanji embedded)
            "区役所と調整中です。",
            summary,
            response_label,
        ):
            assert flat(punctuate(expected, lang)) in flat(read.text), (lang, expected)
        assert "Brouillon secret" not in read.text
        again = client.get(f"/{lang}/bodies/citizens-assembly/follow-up/report?format=pdf")
        assert again.content == pdf.content  # from the cache until the follow-up changes


def test_open_data_in_json_and_csv(client, tracked):
    data = client.get("/api/bodies/citizens-assembly/follow-up.json?lang=fr").json()
    assert data["language"] == "fr"
    assert data["summary"]["done"] == 1
    assert data["summary"]["awaiting"] == 1
    titles = {item["title"]: item for item in data["items"]}
    assert "Brouillon secret" not in titles
    late = titles["Cent rues jardins"]
    assert late["status"] == "in_progress"
    assert late["status_label"] == "En cours"
    assert late["progress"] == 35
    assert late["overdue"] is True
    assert late["url"].endswith(f"/fr/decisions/{tracked['late'].public_id}")
    only_done = client.get("/api/bodies/citizens-assembly/follow-up.json?status=done").json()
    assert [i["title"] for i in only_done["items"]] == ["Ouvrir les bibliothèques le dimanche"]
    response = client.get("/api/bodies/citizens-assembly/follow-up.csv?lang=en")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["title"] for r in rows} == set(titles)
    assert client.get("/api/bodies/nowhere/follow-up.json").status_code == 404


def test_csv_cells_cannot_become_formulas(client, db, site, tracked, official_actor):
    followup.update_followup(db, site, tracked["late"], official_actor, department='=HYPERLINK("x")')
    db.commit()
    text = client.get("/api/bodies/citizens-assembly/follow-up.csv").text
    assert "'=HYPERLINK" in text


def test_past_members_keep_commenting_on_their_promotions_recommendations(
    client, db, site, assembly, official_actor, make_account
):
    """The right to follow-up outlives the term (members' roles end with it)."""
    from parvis.bodies.models import Membership, Term
    from parvis.decisions import authoring
    from parvis.decisions.models import FollowUp

    past = Term(body_id=assembly.id, label="2021-23", starts_on=date(2021, 10, 1), ends_on=date(2023, 6, 30))
    db.add(past)
    db.flush()
    decision = authoring.create_decision(
        db,
        site,
        body=assembly,
        term=past,
        decision_type="recommendation",
        title="Plan lecture",
        actor=official_actor,
    )
    decision.state = "adopted"  # as imported from the past
    decision.followup = FollowUp(decision_id=decision.id)
    former, outsider = make_account(), make_account()
    db.add(Membership(body_id=assembly.id, term_id=past.id, person_id=former.person_id))
    db.commit()
    path = f"/en/comments/decisions.decision/{decision.public_id}"
    login(client, outsider)
    assert client.post(path, data={"body": "Je n'y étais pas"}).status_code == 403
    client.post("/en/logout")
    login(client, former)
    assert client.post(path, data={"body": "Où en est-on ?"}, follow_redirects=False).status_code == 303


def test_french_and_japanese_typography(client, tracked):
    fr = client.get(f"/fr/decisions/{tracked['late'].public_id}").text
    assert "35\u00a0%" in fr or "35\u202f%" in fr
    assert "Avancement\u202f:" in fr
    ja = client.get("/ja/bodies/citizens-assembly/follow-up").text
    assert "担当部局：Espaces verts" in ja
