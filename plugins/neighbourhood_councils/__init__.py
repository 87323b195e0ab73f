"""Neighbourhood councils and "Beautify your neighbourhood": the district-level plugin.

Councils are consultative bodies of a district (its town hall sets their perimeter, charter and
composition); residents join them with the charter, follow their meetings, vœux and budget. A
"Beautify" programme gathers residents' contributions on a map, then publishes the works.
"""
