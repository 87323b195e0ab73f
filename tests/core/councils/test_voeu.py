"""At most one vœu a year to the City Council, through the core veto hook, for councils only."""

from datetime import date

import pytest

from parvis.bodies import services
from parvis.decisions import authoring, transitions
from parvis.decisions.transitions import TransitionRefused

from .conftest import SAMPLE


def validated(db, site, body, term, official, title, decision_type="voeu"):
    decision = authoring.create_decision(
        db, site, body=body, term=term, decision_type=decision_type, title=title, actor=official
    )
    decision.state = "validated"  # the plenary's validation is tested with the decisions
    db.flush()
    return decision


@pytest.mark.hooks("register_councils", "validate_decision_transition")
def test_a_second_voeu_in_the_year_is_refused_with_a_clear_message(db, site, body, term, official):
    first = validated(db, site, body, term, official, "Des fontaines dans chaque parc")
    second = validated(db, site, body, term, official, "Un pass culture jeunes")
    transitions.transition(db, site, first, "submitted", official)
    with pytest.raises(TransitionRefused) as refused:
        transitions.transition(db, site, second, "submitted", official)
    year = site.today().year
    assert refused.value.message == (
        f"Conseil des Échantillons may file only 1 vœu a year with the Council of Paris, and has already "
        f"filed “Des fontaines dans chaque parc” in {year}. This one can be filed from 1 January {year + 1}."
    )
    assert second.state == "validated"
    found = {step.to: reason for step, reason in transitions.available(db, site, second, official)}
    assert "already filed" in found["submitted"]


def test_other_outputs_and_other_bodies_are_not_limited(db, site, body, term, official):
    transitions.transition(db, site, validated(db, site, body, term, official, "V1"), "submitted", official)
    recommendation = validated(db, site, body, term, official, "R", decision_type="recommendation")
    transitions.transition(db, site, recommendation, "submitted", official)
    plain = services.create_body(db, site, "plain_body", "Pas un conseil")
    plain_term = services.add_term(db, plain, "2026", date(2026, 1, 1), date(2026, 12, 31))
    for title in ("P1", "P2"):
        transitions.transition(
            db, site, validated(db, site, plain, plain_term, official, title), "submitted", official
        )


def test_the_limit_is_a_setting(db, site, body, term, official, monkeypatch):
    settings = SAMPLE.settings(site)
    monkeypatch.setattr(settings, "voeux_per_year", None)
    for title in ("V1", "V2", "V3"):
        transitions.transition(
            db, site, validated(db, site, body, term, official, title), "submitted", official
        )
    monkeypatch.setattr(settings, "voeux_per_year", 0)
    with pytest.raises(TransitionRefused, match="does not file vœux"):
        transitions.transition(
            db, site, validated(db, site, body, term, official, "V4"), "submitted", official
        )


def test_a_withdrawn_voeu_still_counts_once_filed(db, site, body, term, official):
    first = validated(db, site, body, term, official, "V1")
    transitions.transition(db, site, first, "submitted", official)
    transitions.transition(db, site, first, "withdrawn", official)
    with pytest.raises(TransitionRefused, match="already filed “V1”"):
        transitions.transition(
            db, site, validated(db, site, body, term, official, "V2"), "submitted", official
        )
