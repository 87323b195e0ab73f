"""The citizen vote's pages: public (the vote, where to vote, turnout, results), online ballots,
the clerks' poll book, the officials' back office (setting up, the roll, places and clerks,
counts) and the open data API.

Every route declares a guard; routes never commit (the unit of work does) and raise refusals
(``on_refusal`` shows the form again with the message). Every page works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from parvis.plugins.citizen_vote.web.admin import (
    admin_clerk,
    admin_create,
    admin_electorate,
    admin_index,
    admin_place,
    admin_question,
    admin_roll,
    admin_vote,
    count,
    count_form,
    mismatch_reason,
    publish,
)
from parvis.plugins.citizen_vote.web.api import results_csv, results_json
from parvis.plugins.citizen_vote.web.ballot import ballot_form, cast_ballot
from parvis.plugins.citizen_vote.web.clerks import mark, pollbook_page, pollbook_places
from parvis.plugins.citizen_vote.web.public import results_page, vote_page, votes_page
from parvis.plugins.citizen_vote.web.report import report_page, report_pdf


def routes() -> list[Any]:
    return [
        votes_page,
        vote_page,
        results_page,
        pollbook_places,
        pollbook_page,
        ballot_form,
        cast_ballot,
        mark,
        admin_index,
        admin_create,
        admin_vote,
        admin_question,
        admin_place,
        admin_clerk,
        admin_roll,
        admin_electorate,
        count_form,
        count,
        mismatch_reason,
        publish,
        report_page,
        report_pdf,
    ]


def api_routes() -> list[Any]:
    return [results_csv, results_json]
