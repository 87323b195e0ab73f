"""The account life cycle: passwords, one-time links by e-mail, confirmed addresses, and the
command line that creates the first administrator.

- ``passwords``: what a new password must be, setting one (sessions end).
- ``tokens``: one-time links (stored hashed, expiring, single-use, replaced by newer ones).
- ``reset``: "Forgot your password?" and invitations.
- ``verification``: confirming an address, changing it, ``require_verified(state, action)``.
- ``signup``: creating an account without revealing which addresses have one.
- ``manage``: creating accounts, granting and revoking site roles, disabling (audited).
- ``bootstrap``: a production site without an administrator says how to create one.
- ``cli``: ``parvis users ...``.
"""
