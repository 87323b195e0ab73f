"""The Assembly's personal data for the core privacy hooks: declarations, export, erasure, purge.

What links a row to a person is structural only: the account or person of an application, a
member's seat (its pool pseudonym leads to the recruitment answers), workshop registrations,
profile, topic proposals and votes, training enrolments and pay lines. Answers to the
questionnaire of someone never seated are not linked to any account, so they are neither
exported nor erased here (nothing proves they are the same person: matching an e-mail address
would hand a stranger the roll's name and address); the scheduled purge deletes them after the
draw.

Erasure keeps:

- the seat, anonymous and marked vacant (the published draw and the seats it filled stay whole,
  and the seat can be refilled from the reserve);
- topic votes and proposals, without the person (the poll's counts do not change);
- pay lines with the person's name, ``pay_records_years`` after their export: the City's accounts
  must keep them (legal obligation).

One module a part: ``declarations``, ``links`` (what ties a row to a person), ``export``,
``erasure`` (with the scheduled purge).
"""

from parvis.plugins.assembly.services.personal_data.declarations import declarations
from parvis.plugins.assembly.services.personal_data.erasure import erase, kept, purge
from parvis.plugins.assembly.services.personal_data.export import export

__all__ = ["declarations", "erase", "export", "kept", "purge"]
