"""The Council of Europeans: nationality and the strong link checked by an official, the draw
proportional to each nationality, a one-year mandate renewable once, its page and demo data."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from parvis import i18n
from parvis.auth import load_actor
from parvis.bodies import services
from parvis.bodies.models import Membership
from parvis.councils import applications as apps
from parvis.councils import draws
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import ApplicationStatus
from parvis.demo import DemoContext, seed_core
from parvis.identity import NationalityGroup
from parvis.plugins.europeans_council.demo import seed
from parvis.plugins.europeans_council.nationalities import choices, country_name
from parvis.plugins.europeans_council.plugin import COUNCIL
from parvis.testing import council_with_terms

LOTTERY = "2027-06-12 EuroMillions 4 9 22 31 45 * 2 8"


@pytest.fixture
def today(site):
    return site.today()


@pytest.fixture
def council(db, site):
    return council_with_terms(db, site, "europeans_council", "Conseil des Européens")


@pytest.fixture
def call(db, council, today):
    found = apps.create_call(
        db, council, council.terms[-1], title="Appel", opens_on=today - timedelta(days=5), closes_on=today
    )
    db.commit()
    return found


def european(make_account, today, nationality="IT", age=35):
    account = make_account(
        birth_date=date(today.year - age, 1, 1),
        nationality=nationality,
        nationality_group=NationalityGroup.OTHER_EU,
    )
    return account.person


def apply(db, site, call, person, today, nationality="IT"):
    details = {"nationality": nationality, "link": "work", "link_details": "Paris 11e"}
    return apps.apply(db, site, COUNCIL, call, person, details=details, today=today)


def test_the_kind_and_the_paris_settings(council, site):
    assert [(c.code, c.seats) for c in council.colleges] == [("europeans", 61)]
    settings = site.settings("europeans_council")
    assert len(settings.nationalities) == 26
    assert "FR" not in settings.nationalities
    assert (settings.mandate_years, settings.max_consecutive_years, settings.voeux_per_year) == (1, 2, 1)
    assert settings.review_applications


def test_only_other_eu_citizens_of_18_or_more(db, site, call, make_account, today):
    apply(db, site, call, european(make_account, today), today)
    with pytest.raises(CouncilRefused) as refused:
        apply(db, site, call, european(make_account, today, nationality="US"), today, nationality="US")
    assert "other member states of the European Union" in refused.value.details[-1]
    with pytest.raises(CouncilRefused):
        apply(db, site, call, european(make_account, today, age=17), today)
    french = make_account(birth_date=date(1990, 1, 1))
    with pytest.raises(CouncilRefused):
        apply(db, site, call, french.person, today)


def test_a_member_cannot_sit_a_third_year(db, site, council, call, make_account, today):
    person = european(make_account, today)
    last = council.terms[0]
    services.add_member(db, site, council, last, person)
    failures = apps.failures(db, site, COUNCIL, call, person, details={"nationality": "IT"}, today=today)
    assert failures == []  # renewable once
    earlier = services.add_term(
        db, council, "earlier", today - timedelta(days=800), today - timedelta(days=436)
    )
    services.add_member(db, site, council, earlier, person)
    failures = apps.failures(db, site, COUNCIL, call, person, details={"nationality": "IT"}, today=today)
    assert failures == ["Members may sit 2 years in a row; you may apply again after a break."]


def test_only_checked_applications_enter_the_proportional_draw(db, site, call, make_account, today):
    official = load_actor(db, make_account("official"))
    applicants = {"PT": 40, "IT": 30, "DE": 20, "ES": 9, "MT": 1}
    applications = [
        apply(db, site, call, european(make_account, today, code), today, code)
        for code, count in applicants.items()
        for _ in range(count)
    ]
    for application in applications[:-1]:
        apps.review(db, application, official, admissible=True)
    apps.review(db, applications[-1], official, admissible=False, note="Pas de lien avec la ville.")
    call.closes_on = today - timedelta(days=1)
    db.commit()
    seated = draws.run_draw(db, site, COUNCIL, call, public_inputs=[LOTTERY], actor=official)
    assert len(seated) == 61
    by_nationality = Counter(m.person.nationality for m in seated)
    # 99 checked applications, 61 seats: largest remainders of 61 x (40, 30, 20, 9) / 99.
    assert by_nationality == {"PT": 25, "IT": 18, "DE": 12, "ES": 6}
    assert draws.seats_by_group(draws.record_of(call)) == {"DE": 12, "ES": 6, "IT": 18, "PT": 25}
    assert applications[-1].status == ApplicationStatus.REJECTED
    assert draws.verification(call).ok


def test_the_application_form_asks_the_nationality_and_the_link(client, db, call, login_as, today):
    account = login_as(birth_date=date(1990, 1, 1), nationality_group=None)
    slug = call.body.slug
    page = client.get(f"/fr/bodies/{slug}/apply")
    assert "Allemagne" in page.text
    # Issue 18.4: no nationality is chosen for the applicant.
    select = page.text[page.text.index('name="nationality"') :]
    select = select[: select.index("</select>")]
    assert select.count(" selected") == 1 and '<option value="" selected>' in select
    data = {
        "given_name": "Giulia",
        "family_name": "Rossi",
        "birth_date": "1990-01-01",
        "gender": "woman",
        "nationality": "IT",
        "link": "study",
        "link_details": "Sorbonne",
        "consent": "1",
    }
    assert client.post(f"/en/bodies/{slug}/apply", data={**data, "nationality": "FR"}).status_code == 400
    assert client.post(f"/en/bodies/{slug}/apply", data=data, follow_redirects=False).status_code == 303
    db.expire_all()
    person = db.get(type(account.person), account.person_id)
    assert (person.nationality, person.nationality_group) == ("IT", NationalityGroup.OTHER_EU)
    login_as("official")
    review = client.get(f"/en/admin/bodies/{slug}/calls/{call.public_id}")
    assert "I study in the city" in review.text
    assert "Sorbonne" in review.text


def test_country_names_follow_the_language():
    with i18n.use_locale("ja"):
        assert country_name("DE") == "ドイツ"
    with i18n.use_locale("fr"):
        assert choices(["DE", "AT"])[0] == ("DE", "Allemagne")


def test_demo_data_and_the_page(client, db, site):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    body = services.body_by_slug(db, "conseil-des-europeens-de-paris")
    previous, current, _upcoming = body.terms
    assert services.seat_counts(db, body, current) == {body.colleges[0].id: 61}
    assert len(db.query(Membership).filter_by(term_id=previous.id).all()) == 20
    statuses = Counter(a.status for a in apps.applications(db, apps.current_call(db, body, site.today())))
    assert statuses[ApplicationStatus.VERIFIED] >= 5
    assert statuses[ApplicationStatus.REJECTED] == 1
    page = client.get("/en/europeans-council")
    assert "Members by nationality, term" in page.text
    assert "Portugal" in page.text


def test_a_profile_that_says_french_is_refused_whatever_the_form_says(client, db, call, login_as):
    """Issue 18.4: the profile's nationality is checked on the server; choosing another country
    in the form does not turn a French citizen into an EU one."""
    account = login_as(birth_date=date(1990, 1, 1), nationality_group=NationalityGroup.FRENCH)
    data = {
        "given_name": "Jean",
        "family_name": "Martin",
        "birth_date": "1990-01-01",
        "gender": "man",
        "nationality": "DE",
        "link": "residence",
        "link_details": "Paris 11e",
        "consent": "1",
    }
    response = client.post(f"/en/bodies/{call.body.slug}/apply", data=data)
    assert response.status_code == 400
    assert "Your profile says you are a French citizen" in response.text
    db.expire_all()
    person = db.get(type(account.person), account.person_id)
    assert person.nationality_group == NationalityGroup.FRENCH
    assert apps.application_of(db, call, person.id) is None
