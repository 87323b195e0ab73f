"""The translatable kinds the site's plugins declare (``register_translatable_kinds``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parvis.declared import by_name
from parvis.i18n import lazy_gettext
from parvis.site import Site

from .models import FIELD_LENGTH, KIND_LENGTH

# The labels of the fields most kinds translate (``TranslatableKind.titled``).
STANDARD_FIELDS = {
    "title": lazy_gettext("Title"),
    "name": lazy_gettext("Name"),
    "description": lazy_gettext("Description"),
    "summary": lazy_gettext("Summary"),
}


def _itself(obj: Any) -> Any:
    return obj


@dataclass(frozen=True, slots=True)
class TranslatableKind:
    """A kind of object whose texts officials translate.

    ``name`` is global (prefix it with the plugin's name: ``"budget.campaign"``); ``model`` a mapped
    class with an integer ``id``; ``fields`` its translatable attributes, each with a (lazy)
    label, in the order the translations page shows them; ``action`` the permission that edits an
    object, checked on ``resource(obj)`` (the object itself by default, its body for a call);
    ``edit_path(obj)`` the language-neutral path of its edit page (the translations page links
    back to it); ``title_field`` the field that names an object in lists. ``multiline`` names the
    fields typed as paragraphs (pages show them with ``tr(obj, f, lines=True)``, which keeps
    their line breaks).
    """

    name: str
    label: Any
    model: type[Any]
    fields: Mapping[str, Any]
    action: str
    edit_path: Callable[[Any], str]
    resource: Callable[[Any], Any] = _itself
    title_field: str = ""
    multiline: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.name or len(self.name) > KIND_LENGTH:
            raise ValueError(f"translatable kind name {self.name!r}: 1 to {KIND_LENGTH} characters")
        for name in self.fields:
            if len(name) > FIELD_LENGTH:
                raise ValueError(f"translatable field {name!r} of {self.name}: too long")

    @classmethod
    def titled(
        cls,
        name: str,
        label: Any,
        model: type[Any],
        *,
        action: str,
        edit_path: Callable[[Any], str],
        heading: str = "title",
        text: str | None = "description",
        resource: Callable[[Any], Any] = _itself,
    ) -> TranslatableKind:
        """The usual kind: a heading (``"title"`` or ``"name"``) and a paragraph (``"description"``
        or ``"summary"``; None for a heading alone), labelled alike on every translations page."""
        fields = {heading: STANDARD_FIELDS[heading]}
        if text is not None:
            fields[text] = STANDARD_FIELDS[text]
        paragraphs = frozenset({text} if text is not None else ())
        return cls(
            name=name,
            label=label,
            model=model,
            fields=fields,
            action=action,
            edit_path=edit_path,
            resource=resource,
            multiline=paragraphs,
        )

    @property
    def naming_field(self) -> str:
        return self.title_field or next(iter(self.fields))

    def original(self, obj: Any, field_name: str) -> str:
        return str(getattr(obj, field_name, "") or "")


def translatable_kinds(site: Site) -> dict[str, TranslatableKind]:
    """Every translatable kind of the site's enabled plugins, by name (built once per site)."""
    return by_name(site, "register_translatable_kinds", "translatable kind")


def kind_of_model(site: Site, model: type[Any]) -> TranslatableKind | None:
    """The kind declared for ``model`` (or one of its base classes), None if it has none."""
    by_model = {kind.model: kind for kind in translatable_kinds(site).values()}
    for cls in model.__mro__:
        if cls in by_model:
            return by_model[cls]
    return None


def original_language(site: Site) -> str:
    """The language officials type in unless they say otherwise for an object (``ContentOriginal``):
    the site's default language."""
    return site.config.site.default_locale


def translation_languages(site: Site, original: str) -> list[str]:
    """The site's languages an object typed in ``original`` is translated into."""
    return [lang for lang in site.config.site.locales if lang != original]


def other_languages(site: Site) -> list[str]:
    """The languages an object typed in the site's default language is translated into."""
    return translation_languages(site, original_language(site))
