"""Run import-linter's contracts (``[tool.importlinter]`` in pyproject.toml) on the source tree.

The source tree maps two folders to one package (core/ is ``parvis``, plugins/ is
``parvis.plugins``: see setup.py), which the import graph's builder cannot follow; this script
lays the package out as installed, with symbolic links in a temporary folder (tools/layout.py), and runs
``lint-imports`` on that. Usage: ``python tools/lint_imports.py`` (``make lint`` runs it).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from layout import ROOT, lay_out  # tools/ is the script's folder, first on the path


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="parvis-imports-") as scratch:
        lay_out(Path(scratch))
        env = dict(os.environ)
        # The laid-out package first; the repository for the contract type in tools/.
        env["PYTHONPATH"] = os.pathsep.join([scratch, str(ROOT), env.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        )
        command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", *sys.argv[1:]]
        return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
