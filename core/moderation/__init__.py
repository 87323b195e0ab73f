"""Moderation (``parvis.moderation``): reports, hiding and restoring, pre-moderation, blocks.

Core's moderation works on any content kind (``parvis.content``): a plugin never stores a
moderation flag of its own. It asks ``is_hidden(db, ref)`` on a page, filters its lists with
``visible(kind, key_column)`` and calls ``submitted(db, site, ref, author_account_id=...)`` when
someone creates content (pre-moderation, blocked accounts). Moderators (the ``moderator`` role,
site-wide or in districts) work in the queue at ``/admin/moderation``; every decision is audited.

Modules: ``models`` (tables), ``settings`` (``[settings.moderation]``), ``service`` (states,
filters, reports), ``decisions`` (hide, restore, approve, dismiss; blocks), ``queue`` (what
moderators see), ``web`` (routes), ``personal_data``, ``plugin`` (hook implementations).
"""
