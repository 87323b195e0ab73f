"""The citizen vote's rules: setting a vote up, the roll, places and clerks, marking electors in
core's poll book, double-entry counts and results. Services never commit (the unit of work, a job
or the demo does). One module per concern; every name is re-exported here, so
`from parvis.plugins.citizen_vote import services` keeps working."""

from __future__ import annotations

from parvis.plugins.citizen_vote.services.counts import (
    CountInput,
    PlaceState,
    check_count,
    enter_count,
    place_state,
    publish,
    set_mismatch_reason,
)
from parvis.plugins.citizen_vote.services.electorate import (
    entry_of_person,
    freeze_residents,
    roll_bytes,
    vote_day,
)
from parvis.plugins.citizen_vote.services.marking import (
    find_electors,
    mark_elector,
    vote_open,
)
from parvis.plugins.citizen_vote.services.online import (
    ONLINE,
    cast_online,
    find_elector_online,
    online_rows,
)
from parvis.plugins.citizen_vote.services.places import (
    add_clerk,
    add_place,
    clerk_places,
    is_clerk,
    place_by_public_id,
    place_of_section,
    set_sections,
)
from parvis.plugins.citizen_vote.services.purge import (
    purge,
)
from parvis.plugins.citizen_vote.services.results import (
    Total,
    place_rows,
    registered_by_place,
    tally,
)
from parvis.plugins.citizen_vote.services.roll import (
    CHUNK,
    ROLL_COLUMNS,
    RollReport,
    import_roll,
    private_folder,
    read_roll,
    registered_by_district,
)
from parvis.plugins.citizen_vote.services.turnout import (
    TurnoutSnapshot,
    count_turnout,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
    add_question,
    create_vote,
    has_marks,
    questions_for,
    vote_by_slug,
)

__all__ = [
    "CHUNK",
    "ONLINE",
    "ROLL_COLUMNS",
    "CountInput",
    "PlaceState",
    "RollReport",
    "Total",
    "TurnoutSnapshot",
    "VoteRefused",
    "add_clerk",
    "add_place",
    "add_question",
    "cast_online",
    "check_count",
    "clerk_places",
    "count_turnout",
    "create_vote",
    "enter_count",
    "entry_of_person",
    "find_elector_online",
    "find_electors",
    "freeze_residents",
    "has_marks",
    "import_roll",
    "is_clerk",
    "mark_elector",
    "online_rows",
    "place_by_public_id",
    "place_of_section",
    "place_rows",
    "place_state",
    "private_folder",
    "publish",
    "purge",
    "questions_for",
    "read_roll",
    "registered_by_district",
    "registered_by_place",
    "roll_bytes",
    "set_mismatch_reason",
    "set_sections",
    "tally",
    "vote_by_slug",
    "vote_day",
    "vote_open",
]
