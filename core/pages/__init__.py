"""The site's static pages (``parvis.pages``): the legal notice, how participation works, the
accessibility statement in the RGAA form, and any page officials write.

- ``models``: a page, its text in each language (draft and published copy), its history;
- ``text``: Markdown to HTML sanitised on the server (markdown-it-py, then nh3's allow-list);
- ``services``: create, edit, place, publish, show (with the original language where a
  translation is missing);
- ``statement``: the accessibility statement's structured fields;
- ``defaults``: the pages a site starts with (``parvis demo``, ``parvis db upgrade``);
- ``routes_public`` (``/{lang}/pages/{slug}``, menu and footer links), ``routes_admin``
  (``/admin/pages``), ``privacy``, and ``plugin`` (its hook implementations).
"""
