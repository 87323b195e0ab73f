"""Core's own personal data: the account, the person's details, sessions, failed sign-ins, the
e-mail outbox, memberships and attendance, and the audit log.

The hook implementations in ``parvis.defaults`` call these functions. Erasure here runs after
every plugin's (``trylast``); ``parvis.privacy.erase`` then deletes the account and deletes or
anonymises the person record.

What erasure keeps, and why:

- memberships of participatory bodies and attendance at their meetings stay, linked to an
  anonymous record: a body's composition and its attendance are public records of the City, and
  counts (seats held, quorum) must not change; a membership still running ends on the day;
- entries of the audit log that name the person (their privileged actions, downloads of their
  data) stay until the log's retention ends: accountability of privileged actions is a legal
  obligation (security of processing, GDPR article 32), and the log is append-only.

One module an area: ``declarations``, ``export`` (with ``account_sections`` and
``record_sections``), ``erasure`` (with the scheduled purge).
"""

from parvis.privacy.core_data.declarations import declarations
from parvis.privacy.core_data.erasure import erase, kept, purge
from parvis.privacy.core_data.export import export

__all__ = ["declarations", "erase", "export", "kept", "purge"]
