"""Type-check core and the plugins with mypy (settings: ``[tool.mypy]`` in pyproject.toml).

mypy names a module after its path, and setup.py maps two folders to one package (core/ is
``parvis``, plugins/ is ``parvis.plugins``), which mypy cannot follow (nor the editable install's
import hook). So this script lays the package out as installed, with symbolic links in
``build/typecheck/`` (kept, so mypy's cache makes the next run fast), runs ``mypy -p parvis`` on it
and prints every path as the source tree's (``core/site.py``, ``plugins/budget/...``).

Usage: ``python tools/typecheck.py [mypy options]`` (``make lint`` and ``make typecheck`` run it).
"""

from __future__ import annotations

import re
import sys

from layout import ROOT, lay_out, source_path  # tools/ is the script's folder, first on the path

FOLDER = ROOT / "build" / "typecheck"
PATH = re.compile(r"^(\S+?\.pyi?)(?=:)", re.MULTILINE)


def main() -> int:
    from mypy import api

    lay_out(FOLDER)
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "-p", "parvis", *sys.argv[1:]])
    sys.stdout.write(PATH.sub(lambda found: source_path(found.group(1), FOLDER), out))
    sys.stderr.write(err)
    return status


if __name__ == "__main__":
    sys.exit(main())
