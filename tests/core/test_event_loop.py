"""No request touches the database on the event loop (``parvis.web.blocking``).

The test fixtures watch the engine strictly: a query made on the event loop during a request
raises, so the request fails with a 500. Core's guards, the actor dependency, template rendering
and refusal pages all reach the database from worker threads; these tests show the watch works
and that those paths pass it. The route walk (test_authorisation) runs every route under it.
"""

from pathlib import Path

import pytest
from litestar import Request, get
from sqlalchemy import func, select

from parvis.identity import Person
from parvis.testing import RoutesPlugin
from parvis.web.blocking import DatabaseOnEventLoopError, on_event_loop
from parvis.web.context import state_of
from parvis.web.guards import public, signed_in
from parvis.web.render import page
from parvis.web.types import DB, CurrentActor


@get("/loop/async-query", guards=[public])
async def async_query(db: DB) -> dict:
    """Wrong: an async handler querying the database runs the query on the event loop."""
    return {"people": db.scalar(select(func.count()).select_from(Person))}


@get("/loop/lazy", guards=[public])
def lazy(request: Request) -> object:
    """A template that queries while it renders (as a lazy-loaded relationship would)."""
    db = state_of(request).db

    def count() -> int:
        assert not on_event_loop()
        return db.scalar(select(func.count()).select_from(Person))

    return page(request, "loop/count.html", title="Count", count=count)


@get("/loop/me", guards=[signed_in])
async def me(actor: CurrentActor) -> dict:
    """An async handler may take the actor: the dependency loads it in a worker thread."""
    return {"signed_in": actor.authenticated}


@pytest.fixture
def parvis_plugins():
    return []


@pytest.fixture
def parvis_extra_plugins():
    return [
        (
            "loop",
            RoutesPlugin(
                [async_query, lazy], api_routes=[me], templates=Path(__file__).parent / "templates_loop"
            ),
        )
    ]


def test_a_query_on_the_event_loop_fails_the_request(client, caplog):
    response = client.get("/en/loop/async-query")
    assert response.status_code == 500
    assert any(isinstance(r.exc_info and r.exc_info[1], DatabaseOnEventLoopError) for r in caplog.records)


def test_templates_render_in_a_worker_thread(client, make_account, db):
    make_account()
    response = client.get("/en/loop/lazy")
    assert response.status_code == 200, response.text[:500]
    assert "people: 1" in response.text


def test_guards_and_the_actor_dependency_load_the_actor_in_a_worker_thread(client, login_as):
    assert client.get("/api/loop/me", follow_redirects=False).status_code == 401
    login_as()
    assert client.get("/api/loop/me").json() == {"signed_in": True}


def test_outside_requests_the_event_loop_is_not_watched(site):
    import asyncio
    import threading

    async def query() -> int:
        with site.session() as session:
            return session.scalar(select(func.count()).select_from(Person))

    counted: list[int] = []
    # A thread of its own: another test's browser may run an event loop in this one.
    thread = threading.Thread(target=lambda: counted.append(asyncio.run(query())))
    thread.start()
    thread.join(60)
    assert counted == [0]
