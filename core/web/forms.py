"""Declarative, accessible forms with translated validation messages.

A handler binds the submitted data, checks ``form.valid`` and, when invalid, renders the page
again with the visitor's input and one message per field (nothing typed is lost). The macro
``forms.field`` in ``macros/forms.html`` renders a label, hint, error and the right input type
with ``aria-describedby`` and ``aria-invalid``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from parvis.formatting import site_timezone
from parvis.i18n import _, lazy_gettext
from parvis.refusals import Invalid, Refused

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
Choices = Sequence[tuple[str, Any]] | Callable[[], Sequence[tuple[str, Any]]]


@dataclass(slots=True)
class Field:
    name: str
    label: Any
    kind: str = (
        "text"  # text textarea email password integer money date datetime select radio checkbox
        # checkboxes latitude longitude
    )
    required: bool = True
    choices: Choices = ()
    min: int | None = None
    max: int | None = None
    min_length: int = 0
    max_length: int = 200
    help: Any = ""
    autocomplete: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def options(self) -> Sequence[tuple[str, Any]]:
        return self.choices() if callable(self.choices) else self.choices

    def clean(self, raw: Any) -> Any:
        """Convert one submitted value, raising ValueError with a translated message."""
        if self.kind == "checkboxes":
            values = [str(v) for v in (raw if isinstance(raw, list) else [raw] if raw else [])]
            allowed = {value for value, _label in self.options()}
            if any(v not in allowed for v in values):
                raise ValueError(_("Choose among the options shown."))
            if self.required and not values:
                raise ValueError(_("Choose at least one option."))
            return values
        if self.kind == "checkbox":
            present = raw not in (None, "", [], "0", "off", "false")
            if self.required and not present:
                raise ValueError(_("This box must be ticked to continue."))
            return present
        text = (
            (raw[-1] if isinstance(raw, list) and raw else raw or "").strip()
            if not isinstance(raw, bytes)
            else ""
        )
        if not text:
            if self.required:
                raise ValueError(_("This field is required."))
            return None
        return self._convert(text)

    def _convert(self, text: str) -> Any:
        if len(text) > self.max_length and self.kind in {"text", "email", "password"}:
            raise ValueError(_("Use at most {count} characters.").format(count=self.max_length))
        if self.kind == "textarea" and len(text) > max(self.max_length, 20000):
            raise ValueError(_("Use at most {count} characters.").format(count=max(self.max_length, 20000)))
        if len(text) < self.min_length:
            raise ValueError(_("Use at least {count} characters.").format(count=self.min_length))
        if self.kind == "email":
            if not EMAIL.match(text):
                raise ValueError(_("Enter an e-mail address like name@example.org."))
            return text.lower()
        if self.kind == "integer":
            if not re.fullmatch(r"[+-]?\d{1,15}", text):
                raise ValueError(_("Enter a whole number."))
            return self._bounded(int(text))
        if self.kind == "money":
            try:
                amount = Decimal(text.replace(" ", "").replace("\u202f", "").replace(",", "."))
            except InvalidOperation:
                raise ValueError(_("Enter an amount, for example 1250.50.")) from None
            if amount != amount.quantize(Decimal("0.01")):
                raise ValueError(_("Enter an amount, for example 1250.50.")) from None
            return self._bounded(int(amount * 100))
        if self.kind == "date":
            try:
                return self._bounded_date(date.fromisoformat(text))
            except ValueError:
                raise ValueError(_("Enter a date like 2026-03-31.")) from None
        if self.kind == "datetime":
            try:
                local = datetime.fromisoformat(text)
            except ValueError:
                raise ValueError(_("Enter a date and time like 2026-03-31 18:30.")) from None
            if local.tzinfo is None:
                local = local.replace(tzinfo=site_timezone())
            return local.astimezone(UTC)
        if self.kind in COORDINATE_BOUNDS:
            return _coordinate(text, COORDINATE_BOUNDS[self.kind])
        if self.kind in {"select", "radio"}:
            if text not in {value for value, _label in self.options()}:
                raise ValueError(_("Choose among the options shown."))
            return text
        return text

    def _bounded(self, number: int) -> int:
        if self.min is not None and number < self.min:
            raise ValueError(_("Enter a number of at least {minimum}.").format(minimum=self.min))
        if self.max is not None and number > self.max:
            raise ValueError(_("Enter a number of at most {maximum}.").format(maximum=self.max))
        return number

    def _bounded_date(self, day: date) -> date:
        if not date(1900, 1, 1) <= day <= date(2200, 1, 1):
            raise ValueError
        return day


COORDINATE_BOUNDS = {"latitude": 90, "longitude": 180}


def _coordinate(text: str, bound: int) -> float:
    """Decimal degrees; a French decimal comma is accepted."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = None
    if value is None or not -bound <= value <= bound:  # NaN fails the comparison too
        raise ValueError(_("Enter a number between -{bound} and {bound}.").format(bound=bound))
    return value


def location_fields() -> list[Field]:
    """Optional latitude and longitude, for showing a place on a map (see ``check_location``)."""
    return [
        Field(
            "latitude",
            lazy_gettext("Latitude"),
            kind="latitude",
            required=False,
            max_length=20,
            help=lazy_gettext("Optional, for the map: decimal degrees, for example 48.8566."),
        ),
        Field(
            "longitude",
            lazy_gettext("Longitude"),
            kind="longitude",
            required=False,
            max_length=20,
            help=lazy_gettext("Optional, for the map: decimal degrees, for example 2.3522."),
        ),
    ]


def check_location(form: BoundForm) -> tuple[float | None, float | None]:
    """The place's point from ``location_fields``: both or neither, else an error on the form."""
    latitude, longitude = form.values.get("latitude"), form.values.get("longitude")
    if (latitude is None) != (longitude is None) and not {"latitude", "longitude"} & set(form.errors):
        form.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
    if latitude is None or longitude is None:
        return None, None
    return latitude, longitude


@dataclass(slots=True)
class BoundField:
    field: Field
    value: Any
    error: str | None

    @property
    def id(self) -> str:
        return f"f-{self.field.name}"


class BoundForm:
    def __init__(self, form: Form, data: Mapping[str, Any] | None, initial: Mapping[str, Any] | None) -> None:
        self.form = form
        self.submitted = data is not None
        self.raw: dict[str, Any] = {}
        self.values: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        for f in form.fields:
            if data is not None:
                self.raw[f.name] = data.get(f.name)
            elif initial is not None and f.name in initial:
                self.raw[f.name] = _as_input(f, initial[f.name])
        if data is not None:
            for f in form.fields:
                try:
                    self.values[f.name] = f.clean(self.raw.get(f.name))
                except ValueError as error:
                    self.errors[f.name] = str(error)

    @property
    def valid(self) -> bool:
        return self.submitted and not self.errors

    def add_error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def require_valid(self) -> dict[str, Any]:
        """The cleaned values, or ``Invalid`` (the page registered with ``on_refusal`` comes back
        with one message per field)."""
        if not self.valid:
            raise Invalid(_("Some of the information sent is not valid."))
        return self.values

    def attach(self, refusal: Refused, fallback_field: str | None = None) -> Refused | None:
        """Show a refusal beside the field it names (or ``fallback_field`` when it names none of
        this form's); return it when it stays unplaced or has ``details`` (the page shows it above
        the form, with them). The one way a refusal reaches a form: ``on_refusal`` calls it."""
        if isinstance(refusal, Invalid) and refusal.field is None and self.errors:
            return None  # the form's own verdict (require_valid): its fields already say why
        field = refusal.field if refusal.field in self.form.by_name else fallback_field
        if field and not refusal.details:
            self.add_error(field, refusal.message)
            return None
        return refusal

    def __getitem__(self, name: str) -> BoundField:
        f = self.form.by_name[name]
        return BoundField(f, self.raw.get(name), self.errors.get(name))

    def __iter__(self):
        return (self[f.name] for f in self.form.fields)

    def error_list(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the error summary at the top of the form."""
        return [
            (f"f-{f.name}", str(f.label), self.errors[f.name])
            for f in self.form.fields
            if f.name in self.errors
        ]


class Form:
    def __init__(self, *fields: Field) -> None:
        self.fields = list(fields)
        self.by_name = {f.name: f for f in fields}

    def bind(
        self, data: Mapping[str, Any] | None = None, initial: Mapping[str, Any] | None = None
    ) -> BoundForm:
        return BoundForm(self, data, initial)

    def extend(self, *fields: Field) -> Form:
        return Form(*self.fields, *fields)


def _as_input(f: Field, value: Any) -> Any:
    """A stored value as the text an input shows (cents as an amount, UTC as local time)."""
    if value is None:
        return None
    if f.kind == "money":
        return f"{Decimal(value) / 100:.2f}"
    if f.kind == "datetime" and isinstance(value, datetime):
        return value.astimezone(site_timezone()).strftime("%Y-%m-%dT%H:%M")
    if f.kind == "date" and isinstance(value, date):
        return value.isoformat()
    if f.kind == "checkboxes":
        return (
            [str(v) for v in value]
            if isinstance(value, Iterable) and not isinstance(value, str)
            else [str(value)]
        )
    return value if isinstance(value, (bool, list)) else str(value)
