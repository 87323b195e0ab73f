"""Package layout: core/ is the `parvis` package, plugins/ is `parvis.plugins`, locale/ ships as data.

Metadata lives in pyproject.toml; this file only maps the folder tree to package names, which
pyproject's static tables cannot express for a renamed tree.
"""

from pathlib import Path

from setuptools import setup

ROOTS = {"core": "parvis", "plugins": "parvis.plugins", "locale": "parvis.locale"}


def tree(folder: str, name: str) -> dict[str, str]:
    found = {name: folder}
    for sub in sorted(Path(folder).rglob("*")):
        if sub.is_dir() and "__pycache__" not in sub.parts and not sub.name.startswith("."):
            found[".".join([name, *sub.relative_to(folder).parts])] = sub.as_posix()
    return found


package_dir: dict[str, str] = {}
for root, package in ROOTS.items():
    package_dir.update(tree(root, package))

setup(
    packages=sorted(package_dir),
    package_dir=package_dir,
    package_data={name: ["*"] for name in package_dir},
    exclude_package_data={name: ["*.pyc"] for name in package_dir},
)
