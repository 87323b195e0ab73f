"""Translations of the texts officials type (a body's name, a call's title, a campaign's
description) into the site's other languages.

A plugin declares each translatable kind of object once (``register_translatable_kinds``: the
model, its fields, the permission that edits it, the path of its edit page); core keeps one table of
translations keyed by (kind, object id, field, language), with the hash of the original each
translation was made from, so a translation whose original changed since reads "needs translation".
Pages show a text with ``{{ tr(obj, "title") }}``: the version in the page's language, or the
original marked with its ``lang`` and a discreet "(in French)" note. The back office edits every
language of an object side by side (``/admin/translations/<kind>/<id>``).

Modules: ``models`` (the table), ``registry`` (the declared kinds), ``service`` (read, save, what
needs translation), ``view`` (``tr`` and the per-request cache that loads a page's translations in
one query per kind), ``web`` (the back office), ``core_kinds`` (core's bodies and decisions),
``plugin`` (the hooks).
"""
