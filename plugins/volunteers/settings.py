"""The volunteers plugin's settings (``[settings.volunteers]`` in the site configuration).

Every default is the Paris value; another city overrides any of them in its TOML file.
"""

from __future__ import annotations

import msgspec

from parvis.api import N_, Theme

DEFAULT_THEMES = [
    Theme("education", N_("Education")),
    Theme("environment", N_("Environment")),
    Theme("solidarity", N_("Solidarity")),
    Theme("culture", N_("Culture")),
    Theme("sport", N_("Sport")),
    Theme("health", N_("Health")),
    Theme("citizenship", N_("Citizenship")),
]


class MapSettings(msgspec.Struct, forbid_unknown_fields=True):
    # The map's background (tiles, centre, zoom) is the site's `[map]` section.
    max_pins: int = 5000


class VolunteersSettings(msgspec.Struct, forbid_unknown_fields=True):
    themes: list[Theme] = msgspec.field(default_factory=lambda: list(DEFAULT_THEMES))
    # Reminders go out the day before a mission, from this local hour on (the job runs hourly).
    reminder_hour: int = 10
    # Organisers are told when a slot reaches this share of its places (percent), then when it is full.
    nearly_full_percent: int = 80
    page_size: int = 20
    # Campaigns (Nuit de la Solidarité): age and team sizes are defaults a campaign may change.
    campaign_min_age: int = 18
    team_min_size: int = 4
    team_max_size: int = 5
    # The site's public address, for links in e-mails ("https://participation.example.org").
    public_url: str = ""
    # The host in calendar event ids (UID); empty: the host the site is visited at.
    calendar_domain: str = ""
    map: MapSettings = msgspec.field(default_factory=MapSettings)
    # Retention, enforced by the daily purge of personal data: participations lose their volunteer
    # this many months after the date (they still count in the places taken); campaign sign-ups are
    # deleted this many months after the campaign (notifications follow core's retention).
    participations_kept_months: int = 24
    campaign_signups_kept_months: int = 12

    def theme(self, code: str) -> Theme | None:
        return next((t for t in self.themes if t.code == code), None)
