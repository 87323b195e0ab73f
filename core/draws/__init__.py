"""The register of draws: every draw by lot of every plugin, published once, never changed.

``service.publish_draw`` (``parvis.api.sortition.publish_draw`` for plugins) records a draw with its
inputs' hashes, files and the ``parvis draw verify`` command that checks it; ``routes`` serves the
public register (``/{lang}/draws``). See docs/sortition.md, "The register of draws".
"""
