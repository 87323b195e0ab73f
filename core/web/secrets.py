"""The site's secret key (CSRF signing): $PARVIS_SECRET_KEY, else a file created on first start.

Never committed: the file lives in the instance folder (var/ by default) with owner-only access,
and every worker process of one site reads the same file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def secret_key(path: str) -> str:
    if key := os.environ.get("PARVIS_SECRET_KEY"):
        return key
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker created it first
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return file.read_text().strip()
