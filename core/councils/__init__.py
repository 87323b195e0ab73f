"""What every participatory council shares: calls for applications, the referrals register,
hearings, the yearly limit on vœux, the annual report and spaces open to all councils.

A plugin turns a body kind into a council by returning a ``Council`` (``parvis.councils.spec``)
from the ``register_councils`` hook; the pages under ``/bodies/{slug}/...`` then appear for bodies
of that kind. The Youth Council and the Council of Europeans are two such plugins: each keeps only
what is its own (its settings, extra application questions, mandate rules and its kind of draw).
"""
