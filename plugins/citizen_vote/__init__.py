"""Citizen votes ("votations"): a city-wide question with local questions, an electoral roll frozen
at a cut-off date, voting places with an electronic poll book (core's), double-entry counts and
public results. See docs/citizen_vote.md."""
