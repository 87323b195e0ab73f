"""The open data API: a vote's results as CSV and JSON."""

from __future__ import annotations

from typing import Any

from litestar import get
from litestar.response import Response

from parvis.api import (
    DB,
    FromPath,
    csv_response,
    csv_text,
    json_response,
    public,
)
from parvis.plugins.citizen_vote.web.common import (
    Req,
    _results,
    _vote,
)


@get("/votes/{slug:str}/results.csv", guards=[public], name="citizen-vote-results-csv")
def results_csv(request: Req, db: DB, slug: FromPath[str]) -> Response[Any]:
    vote = _vote(db, slug)
    rows, _totals = _results(db, vote)
    width = max((len(r["options"]) for r in rows), default=0)
    columns = ["place", "place_id", "district", "question", "registered", "marks", "ballots", "blank", "null"]
    columns += [f"option_{i + 1}" for i in range(width)]
    return csv_response(
        csv_text(columns, ([r.get(c, "") for c in columns] for r in rows)), f"{vote.slug}-results.csv"
    )


@get("/votes/{slug:str}/results.json", guards=[public], name="citizen-vote-results-json")
def results_json(request: Req, db: DB, slug: FromPath[str]) -> Response[Any]:
    vote = _vote(db, slug)
    rows, _totals = _results(db, vote)
    data = {
        "vote": vote.title,
        "roll_sha256": vote.roll_sha256,
        "roll_cutoff": vote.roll_cutoff.isoformat() if vote.roll_cutoff else None,
        "questions": [
            {"number": q.position, "text": q.text, "district": q.district, "options": q.options}
            for q in vote.questions
        ],
        "places": rows,
    }
    return json_response(data, f"{vote.slug}-results.json")
