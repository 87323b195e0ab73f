"""The ``parvis`` package laid out as installed, with symbolic links, for tools that cannot follow
setup.py's mapping of two folders to one package (core/ is ``parvis``, plugins/ is
``parvis.plugins``): import-linter (tools/lint_imports.py) and mypy (tools/typecheck.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"core": "parvis", "plugins": "parvis/plugins"}


def lay_out(folder: Path) -> Path:
    """Write ``folder/parvis`` (links to core/'s entries, and ``plugins`` to plugins/); return it.

    Links are refreshed, so a module added or removed since the last run is seen."""
    package = folder / "parvis"
    package.mkdir(parents=True, exist_ok=True)
    wanted = {entry.name: entry for entry in (ROOT / "core").iterdir() if entry.name != "__pycache__"}
    wanted["plugins"] = ROOT / "plugins"
    for link in package.iterdir():
        if link.name not in wanted or not link.is_symlink() or link.readlink() != wanted[link.name]:
            link.unlink()
    for name, target in wanted.items():
        if not (package / name).is_symlink():
            (package / name).symlink_to(target)
    return package


def source_path(laid_out: str, folder: Path) -> str:
    """The source tree's path of a path inside the layout (``<folder>/parvis/plugins/x`` is
    ``plugins/x``, ``<folder>/parvis/x`` is ``core/x``), relative to the repository."""
    prefix = folder.relative_to(ROOT).as_posix() if folder.is_relative_to(ROOT) else folder.as_posix()
    for source, installed in sorted(FOLDERS.items(), key=lambda item: -len(item[1])):
        start = f"{prefix}/{installed}/"
        if laid_out.startswith(start):
            return f"{source}/{laid_out[len(start) :]}"
    return laid_out
