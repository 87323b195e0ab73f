"""The site's brand (``[site.brand]``): colours, fonts and logo as CSS custom properties.

A city gives its primary and secondary colours, a font stack and a logo in its configuration;
``brand_stylesheet`` turns them into the custom properties that ``parvis.css`` reads (served at
``/brand.css``, after ``parvis.css``), and ``check_brand`` refuses at start-up a brand whose
colours would make text or controls hard to see (WCAG 2.1 AA: 4.5:1 for text on its backgrounds,
1.4.3; 3:1 for the marks of user-interface components, 1.4.11).

The neutral colours (ink, paper, the light grey of the menu bar) are Parvis's own and fixed: a
brand changes the identity, not the readability of the pages.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parvis.config_errors import config_error
from parvis.i18n import _

if TYPE_CHECKING:
    from parvis.config_schema import Brand, Config

# Parvis's neutrals (parvis.css uses the same values).
PAPER = "#ffffff"
SOFT = "#f4f4f6"  # the menu bar, the footer, table headers
INK = "#161616"
TEXT_MINIMUM = 4.5  # WCAG 1.4.3, normal text
COMPONENT_MINIMUM = 3.0  # WCAG 1.4.11, non-text contrast
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".webp": "image/webp"}

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Font names, quoted or not, separated by commas: nothing that could load a file or end the rule.
_FONT_STACK = re.compile(r"^[\w \-'\",.]+$")


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as three 0-255 channels."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_colour(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in channels)


def luminance(colour: str) -> float:
    """WCAG relative luminance (sRGB)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, from 1 (same luminance) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` over ``other`` (0.1: a light tint of ``colour`` on white)."""
    a, b = rgb(colour), rgb(other)
    return hex_colour(
        (
            a[0] * share + b[0] * (1 - share),
            a[1] * share + b[1] * (1 - share),
            a[2] * share + b[2] * (1 - share),
        )
    )


@dataclass(frozen=True, slots=True)
class Palette:
    """The brand's colours and those derived from them, as written in ``/brand.css``."""

    primary: str
    primary_dark: str  # hover and pressed states
    primary_tint: str  # light backgrounds: notices, the official answer, selected rows
    on_primary: str
    secondary: str
    secondary_tint: str


def palette(brand: Brand) -> Palette:
    return Palette(
        primary=brand.primary.lower(),
        primary_dark=mix(brand.primary, "#000000", 0.78),
        primary_tint=mix(brand.primary, PAPER, 0.08),
        on_primary=brand.on_primary.lower(),
        secondary=brand.secondary.lower(),
        secondary_tint=mix(brand.secondary, PAPER, 0.12),
    )


def pairs(colours: Palette) -> list[tuple[str, str, str, str, float]]:
    """(key, foreground, background, what, minimum) for every pairing the style sheet makes."""
    text, component = TEXT_MINIMUM, COMPONENT_MINIMUM
    return [
        ("primary", colours.primary, PAPER, _("links and buttons' text on white"), text),
        ("primary", colours.primary, SOFT, _("menu links on the light grey bar"), text),
        ("primary", colours.primary, colours.primary_tint, _("text on the brand's light tint"), text),
        ("on_primary", colours.on_primary, colours.primary, _("buttons' text on the primary colour"), text),
        ("on_primary", colours.on_primary, colours.primary_dark, _("buttons' text when pointed at"), text),
        ("secondary", colours.secondary, PAPER, _("lines and marks on white"), component),
        ("secondary", INK, colours.secondary_tint, _("text on the secondary colour's light tint"), text),
    ]


def check_brand(config: Config) -> None:
    """``[site.brand]``: colours that parse and keep WCAG AA contrast, a local font stack, a logo
    file that exists with its text alternative. Raises ``ConfigError`` naming the key."""
    brand, file = config.site.brand, config.path
    for key in ("primary", "on_primary", "secondary"):
        value = getattr(brand, key)
        if not _COLOUR.match(value):
            raise config_error(
                file, f"site.brand.{key}", _("'{value}' is not a colour written #rrggbb").format(value=value)
            )
    for key, foreground, background, what, minimum in pairs(palette(brand)):
        ratio = contrast(foreground, background)
        if ratio < minimum:
            raise config_error(
                file,
                f"site.brand.{key}",
                _(
                    "contrast of {foreground} on {background} ({what}) is {ratio}:1, below the {minimum}:1 "
                    "WCAG AA asks for"
                ).format(
                    foreground=foreground,
                    background=background,
                    what=what,
                    ratio=_ratio(ratio),
                    minimum=_ratio(minimum, 1),
                ),
            )
    if brand.font_family and not _FONT_STACK.match(brand.font_family):
        raise config_error(
            file,
            "site.brand.font_family",
            _("a list of font names separated by commas (fonts on the reader's device, no address)"),
        )
    if brand.logo:
        path = logo_path(config)
        if path is None or not path.is_file():
            raise config_error(file, "site.brand.logo", _("no such file: '{path}'").format(path=brand.logo))
        if path.suffix.lower() not in LOGO_TYPES:
            raise config_error(file, "site.brand.logo", _("the logo must be an SVG, PNG or WebP file"))
        texts = brand.logo_alt.values() if isinstance(brand.logo_alt, dict) else [brand.logo_alt]
        if not any(text.strip() for text in texts):
            raise config_error(
                file, "site.brand.logo_alt", _("give the logo's text alternative (what the logo says)")
            )


def _ratio(value: float, digits: int = 2) -> str:
    from parvis.formatting import format_number

    # Rounded down, so a ratio just below the minimum never reads as the minimum.
    factor = 10**digits
    return format_number(int(value * factor) / factor)


def logo_path(config: Config) -> Path | None:
    """The logo file: a relative path is looked up next to the configuration file, then among the
    bundled profiles (so a copy of a bundled profile still finds its logo)."""
    from parvis.config import BUNDLED_PROFILE

    if not config.site.brand.logo:
        return None
    path = Path(config.site.brand.logo)
    if path.is_absolute():
        return path
    beside = Path(config.path).parent / path if config.path else path
    bundled = BUNDLED_PROFILE.parent / path
    return beside if beside.is_file() or not bundled.is_file() else bundled


def brand_stylesheet(brand: Brand) -> str:
    """The custom properties ``parvis.css`` reads, for this brand."""
    colours = palette(brand)
    lines = [
        f"  --brand: {colours.primary};",
        f"  --brand-dark: {colours.primary_dark};",
        f"  --brand-tint: {colours.primary_tint};",
        f"  --on-brand: {colours.on_primary};",
        f"  --brand-secondary: {colours.secondary};",
        f"  --brand-secondary-tint: {colours.secondary_tint};",
    ]
    if brand.font_family:
        lines.append(f"  --font-body: {brand.font_family};")
    return (
        "/* The site's brand ([site.brand]), generated by parvis.brand. */\n:root {\n"
        + "\n".join(lines)
        + "\n}\n"
    )


@dataclass(frozen=True, slots=True)
class SiteBrand:
    """What the page layout needs: the style sheet's address (versioned), the logo's and its text."""

    stylesheet: str
    css: str
    logo_href: str
    logo_alts: dict[str, str]

    def logo_alt(self, locale: str) -> str:
        return self.logo_alts.get(locale) or next(iter(self.logo_alts.values()), "")


_brands: dict[tuple[int, str], SiteBrand] = {}


def site_brand(config: Config) -> SiteBrand:
    """The brand of a site's configuration (computed once per configuration and brand)."""
    key = (id(config), repr(config.site.brand))
    cached = _brands.get(key)
    if cached is not None:
        return cached
    brand = config.site.brand
    css = brand_stylesheet(brand)
    version = hashlib.sha256(css.encode()).hexdigest()[:12]
    logo = logo_path(config)
    logo_href = ""
    if logo is not None and logo.is_file():
        digest = hashlib.sha256(logo.read_bytes()).hexdigest()[:12]
        logo_href = f"/brand/logo{logo.suffix.lower()}?v={digest}"
    alts = dict(brand.logo_alt) if isinstance(brand.logo_alt, dict) else {"": brand.logo_alt}
    result = SiteBrand(f"/brand.css?v={version}", css, logo_href, alts)
    _brands[key] = result
    return result
