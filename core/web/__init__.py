"""The web shell: a Litestar application with localised, server-rendered pages and htmx."""

import os

# Parvis's synchronous handlers talk to the database, so the app runs every one of them in a
# worker thread (see parvis.web.app.run_sync_handlers_in_threads); Litestar's warning about the
# implicit choice is therefore noise.
os.environ.setdefault("LITESTAR_WARN_IMPLICIT_SYNC_TO_THREAD", "0")
