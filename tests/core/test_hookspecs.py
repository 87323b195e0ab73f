"""The plugin API stays honest: every hookspec is documented and exercised by a test."""

import re
from pathlib import Path

import pluggy
import pytest

ROOT = Path(__file__).resolve().parents[2]


def declared_hooks(site) -> set[str]:
    """Every hookspec: core's and those plugins add through `add_hookspecs`."""
    return {
        name
        for name in dir(site.pm.hook)
        if isinstance(getattr(site.pm.hook, name), pluggy.HookCaller) and getattr(site.pm.hook, name).spec
    }


def documented_hooks() -> set[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    return set(re.findall(r"^###\s+`?([a-z_]+)`?\s*$", text, flags=re.MULTILINE))


def hooks_named_by_tests() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for args in re.findall(r"mark\.hooks\(([^)]*)\)", path.read_text(encoding="utf-8")):
            names.update(re.findall(r"[\"']([a-z_]+)[\"']", args))
    return names


def test_every_hookspec_is_documented(site):
    missing = declared_hooks(site) - documented_hooks()
    assert not missing, f"hookspecs without a '### name' section in docs/*.md: {sorted(missing)}"


def test_every_hookspec_has_a_test(site):
    missing = declared_hooks(site) - hooks_named_by_tests()
    assert not missing, f"hookspecs no test names with @pytest.mark.hooks(...): {sorted(missing)}"


def test_every_hookspec_has_a_docstring(site):
    undocumented = [
        name
        for name in declared_hooks(site)
        if not (getattr(site.pm.hook, name).spec.function.__doc__ or "").strip()
    ]
    assert not undocumented


@pytest.mark.hooks("add_hookspecs")
def test_a_plugin_can_add_hookspecs_that_other_plugins_implement(make_site):
    import types

    from parvis import hookimpl

    specs = types.ModuleType("sample_specs")
    marker = pluggy.HookspecMarker("parvis")

    def register_widgets():
        """Sample hook added by a plugin."""

    specs.register_widgets = marker(register_widgets)

    owner = types.SimpleNamespace(add_hookspecs=hookimpl(lambda pm: pm.add_hookspecs(specs)))
    other = types.SimpleNamespace(register_widgets=hookimpl(lambda: ["gizmo"]))
    site = make_site([], extra=(("owner", owner), ("other", other)))
    assert site.hook.register_widgets() == [["gizmo"]]
