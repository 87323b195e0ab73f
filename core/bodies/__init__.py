"""Participatory bodies: kinds declared by plugins, and the bodies, terms, colleges, members,
groups and meetings that officials manage."""
