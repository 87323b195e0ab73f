"""Comments, debates and supports (core): one way for every plugin's objects.

A plugin opts its content kinds in with ``register_commenting`` (who may comment, per object and
phase) and ``register_supports`` (who may support); officials open standalone debates in a space a
plugin declares (``register_debate_spaces``: a body, a budget campaign). The plugin surface is
``parvis.api.comments``.
"""
