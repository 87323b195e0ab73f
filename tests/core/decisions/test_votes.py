"""Plenary votes: one ballot per member, secret ballots without a voter link, quorum and majority."""

import pytest
from sqlalchemy import select

from parvis.decisions import votes
from parvis.decisions.models import BallotChoice, Majority, PlenaryBallot, PlenaryVoter
from parvis.decisions.votes import Tally, VoteRefused


def tally(yes, no, abstain, eligible=10, quorum=50, majority=Majority.SIMPLE):
    return Tally(eligible, yes, no, abstain, quorum, majority)


@pytest.mark.parametrize(
    ("counts", "majority", "passed"),
    [
        ((3, 2, 0), Majority.SIMPLE, True),
        ((3, 3, 4), Majority.SIMPLE, False),  # a tie is not a majority
        ((3, 2, 1), Majority.ABSOLUTE, False),  # 3 of 6 ballots is not more than half
        ((4, 1, 1), Majority.ABSOLUTE, True),
        ((4, 2, 5), Majority.TWO_THIRDS, True),  # abstentions do not count
        ((3, 2, 0), Majority.TWO_THIRDS, False),
    ],
)
def test_majority_rules(counts, majority, passed):
    assert tally(*counts, majority=majority).passed is passed


def test_quorum_is_a_share_of_the_terms_active_members():
    assert tally(3, 1, 1, eligible=10).quorum_reached  # 5 of 10 = 50 %
    assert not tally(3, 1, 0, eligible=10).quorum_reached
    assert not tally(0, 0, 0, eligible=0).quorum_reached  # nobody voted: never a valid vote
    assert not tally(4, 0, 0, eligible=10).passed


def test_each_member_votes_once(db, site, make_decision, make_member, official_actor):
    decision = make_decision("draft")
    member = make_member()
    vote = votes.open_vote(db, site, decision, official_actor)
    votes.cast_ballot(db, vote, member.person_id, BallotChoice.FOR)
    with pytest.raises(VoteRefused, match="already voted"):
        votes.cast_ballot(db, vote, member.person_id, BallotChoice.AGAINST)
    assert votes.participants(db, vote) == 1


def test_only_members_of_the_term_vote(db, site, make_decision, make_account, official_actor):
    decision = make_decision("draft")
    vote = votes.open_vote(db, site, decision, official_actor)
    with pytest.raises(VoteRefused, match="Only the members"):
        votes.cast_ballot(db, vote, make_account().person_id, BallotChoice.FOR)
    with pytest.raises(VoteRefused):
        votes.cast_ballot(db, vote, None, BallotChoice.FOR)


def test_a_closed_vote_takes_no_ballot_and_one_vote_is_open_at_a_time(
    db, site, make_decision, make_member, official_actor
):
    decision = make_decision("draft")
    member = make_member()
    vote = votes.open_vote(db, site, decision, official_actor)
    with pytest.raises(VoteRefused, match="already open"):
        votes.open_vote(db, site, decision, official_actor)
    votes.close_vote(db, vote, official_actor)
    with pytest.raises(VoteRefused, match="closed"):
        votes.cast_ballot(db, vote, member.person_id, BallotChoice.FOR)


def test_voting_is_only_possible_while_the_text_is_votable(db, site, make_decision, official_actor):
    decision = make_decision("validated")
    with pytest.raises(VoteRefused, match="cannot vote"):
        votes.open_vote(db, site, decision, official_actor)


def test_a_secret_ballot_keeps_no_link_to_the_voter(
    make_site, db, make_decision, make_member, official_actor
):
    secret_site = make_site([], settings={"decisions": {"secret_ballot": True, "quorum_percent": 0}})
    decision = make_decision("draft")
    members = [make_member(), make_member()]
    vote = votes.open_vote(db, secret_site, decision, official_actor)
    assert vote.secret
    assert vote.quorum_percent == 0
    for member in members:
        votes.cast_ballot(db, vote, member.person_id, BallotChoice.FOR)
    db.commit()
    assert db.scalars(select(PlenaryBallot.voter_id)).all() == [None, None]
    assert sorted(db.scalars(select(PlenaryVoter.person_id))) == sorted(m.person_id for m in members)
    assert votes.has_voted(db, vote, members[0].person_id)
    assert votes.close_vote(db, vote, official_actor).passed


def test_a_named_ballot_records_the_voter(db, site, make_decision, make_member, official_actor):
    decision = make_decision("draft")
    member = make_member()
    vote = votes.open_vote(db, site, decision, official_actor)
    votes.cast_ballot(db, vote, member.person_id, BallotChoice.ABSTAIN)
    assert db.scalar(select(PlenaryBallot.voter_id)) == member.person_id


def test_the_rules_are_fixed_when_the_vote_opens(make_site, db, make_decision, official_actor):
    strict = make_site([], settings={"decisions": {"quorum_percent": 75, "majority": "two_thirds"}})
    decision = make_decision("draft")
    vote = votes.open_vote(db, strict, decision, official_actor)
    assert (vote.quorum_percent, vote.majority) == (75, Majority.TWO_THIRDS)


def test_bad_vote_settings_are_refused(make_site):
    from parvis.config import ConfigError

    with pytest.raises(ConfigError, match="quorum_percent"):
        make_site([], settings={"decisions": {"quorum_percent": 150}})
    with pytest.raises(ConfigError, match="majority"):
        make_site([], settings={"decisions": {"majority": "most"}})
