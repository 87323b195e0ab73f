"""Decisions of participatory bodies and the public right-to-follow-up tracker.

A decision (proposal, opinion, recommendation, vœu, citizens' deliberation) moves through a
workflow declared as data (``workflow.py``); plenary and City Council votes (``votes.py``) gate
its transitions; once adopted, the City's follow-up (``followup.py``) is recorded in an
append-only history (``history.py``) and published (``routes_public.py``, ``exports.py``).
Core registers all of this as a second built-in plugin, ``parvis.decisions`` (``plugin.py``).
"""
