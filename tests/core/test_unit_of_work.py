"""One unit of work per request and one way to refuse: routes neither commit nor roll back."""

from pathlib import Path

import pytest
from litestar import Request, get, post
from sqlalchemy import func, select

from parvis.identity import Person
from parvis.refusals import Refused
from parvis.testing import RoutesPlugin
from parvis.web.forms import Field, Form
from parvis.web.guards import public
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData
from parvis.web.unit_of_work import on_refusal

NAME = Form(Field("name", "Name", max_length=20))


@post("/uow/add", guards=[public], status_code=303)
def add(request: Request, db: DB, data: FormData) -> object:
    form = NAME.bind(data)
    on_refusal(request, "uow/form.html", form=form, title="Add someone")
    values = form.require_valid()
    db.add(Person(given_name=values["name"]))
    db.flush()
    if values["name"] == "Taken":
        raise Refused("This name is taken.", field="name")
    if values["name"] == "Closed":
        raise Refused("The register is closed.")
    return redirect(request, "/uow/add")


@post("/uow/bare", guards=[public], status_code=303)
def bare(request: Request, db: DB) -> object:
    db.add(Person(given_name="Bare"))
    raise Refused("Not today.")


@post("/uow/page400", guards=[public])
def page400(request: Request, db: DB) -> object:
    db.add(Person(given_name="Kept?"))
    return page(request, "uow/form.html", form=NAME.bind({}), title="x", error=None, status_code=400)


@get("/uow/api", guards=[public])
def api_refusal(db: DB) -> dict:
    raise Refused("Not open.", field="when", details={"opens": "2027-01-01"})


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [
        (
            "uow",
            RoutesPlugin(
                [add, bare, page400],
                api_routes=[api_refusal],
                templates=Path(__file__).parent / "templates_uow",
            ),
        )
    ]


def people(db):
    return db.scalar(select(func.count()).select_from(Person))


def test_a_successful_handler_is_committed(client, db):
    response = client.post("/en/uow/add", data={"name": "Ada"}, follow_redirects=False)
    assert response.status_code == 303
    assert people(db) == 1


def test_a_refusal_on_a_field_rolls_back_and_shows_the_form_again(client, db):
    response = client.post("/en/uow/add", data={"name": "Taken"})
    assert response.status_code == 409
    assert 'id="f-name-error">This name is taken.' in response.text
    assert 'value="Taken"' in response.text  # nothing typed is lost
    assert people(db) == 0


def test_an_invalid_form_comes_back_with_its_messages(client, db):
    response = client.post("/en/uow/add", data={"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert people(db) == 0


def test_a_refusal_without_a_field_is_shown_above_the_form(client, db):
    response = client.post("/en/uow/add", data={"name": "Closed"})
    assert response.status_code == 409
    assert 'class="refusal" role="alert">The register is closed.' in response.text
    assert people(db) == 0


def test_a_refusal_without_a_page_of_its_own_is_explained_in_the_visitors_language(client, db):
    response = client.post("/fr/uow/bare")
    assert response.status_code == 409
    assert "Not today." in response.text
    assert "<h1>Action impossible</h1>" in response.text
    assert people(db) == 0


def test_an_error_page_returned_by_the_handler_rolls_back(client, db):
    assert client.post("/en/uow/page400").status_code == 400
    assert people(db) == 0


def test_api_clients_get_the_reason_as_json(client):
    response = client.get("/api/uow/api", headers={"accept-language": "en"})
    assert response.status_code == 409
    assert response.json() == {
        "status": 409,
        "error": "Not possible",
        "detail": "Not open.",
        "field": "when",
        "details": {"opens": "2027-01-01"},
    }
