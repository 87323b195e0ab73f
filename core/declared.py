"""What plugins declare by name through a hook (content kinds, translatable kinds, debate spaces...),
gathered once per site: plugins do not change while a site runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from parvis.site import Site

_gathered: WeakKeyDictionary[Site, dict[str, dict[str, Any]]] = WeakKeyDictionary()


def by_name(site: Site, hook: str, what: str, key: str = "name") -> dict[str, Any]:
    """{entry.<key>: entry} of every entry the enabled plugins answer to ``hook(site=site)``, in
    the order of registration. A name declared twice stops the site (``ValueError`` naming
    ``what`` it is), rather than one plugin silently shadowing another's."""
    per_site = _gathered.setdefault(site, {})
    if hook not in per_site:
        found: dict[str, Any] = {}
        for declared in reversed(getattr(site.hook, hook)(site=site)):
            for entry in declared or ():
                name = getattr(entry, key)
                if name in found:
                    raise ValueError(f"{what} {name!r} is declared twice")
                found[name] = entry
        per_site[hook] = found
    return per_site[hook]
