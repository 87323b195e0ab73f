"""The site configuration's schema: the msgspec structs of each TOML table ([site], [server]...).

Loading and the cross-field checks are in parvis.config and parvis.config_checks.
"""

from __future__ import annotations

from typing import Any

import msgspec


class Brand(msgspec.Struct, forbid_unknown_fields=True):
    """The site's look (``[site.brand]``): rendered as CSS custom properties (parvis.brand) and
    checked for contrast at start-up (WCAG AA). Colours are ``#rrggbb`` (or ``#rgb``)."""

    # Links, buttons, the current menu item: text on white, and white (``on_primary``) text on it.
    primary: str = "#1b3f8f"
    on_primary: str = "#ffffff"
    # Lines and marks that are not text (the header's band, the current item's underline, the
    # cards' edge): 3:1 against white.
    secondary: str = "#c8553d"
    # A stack of fonts installed on the reader's device (no outside request): "Inter, system-ui,
    # sans-serif". Empty: the system's sans-serif fonts.
    font_family: str = ""
    # An SVG, PNG or WebP file, relative to the configuration file (like ``translations``).
    logo: str = ""
    # The logo's text alternative, one string or one per language: { fr = "...", en = "..." }.
    logo_alt: str | dict[str, str] = ""


class Site(msgspec.Struct, forbid_unknown_fields=True):
    city: str
    default_locale: str = "fr"
    locales: list[str] = msgspec.field(default_factory=lambda: ["fr", "en", "ja"])
    timezone: str = "Europe/Paris"
    currency: str = "EUR"
    contact_email: str = ""
    # The city's name in other languages (Paris is パリ in Japanese); `city` is the default.
    city_names: dict[str, str] = {}
    # The site's public address, for links in e-mails ("https://participation.example.org").
    public_url: str = ""
    # The site's words per language, which messages use with their grammar ("{site.council:to}":
    # "au Conseil de Paris"): [site.words.fr] council = { name = "Conseil de Paris" }. Each is a
    # name or a table (name, plural, gender, article, elision, forms); see parvis.words and
    # docs/configuration.md. Words left out have neutral defaults ("conseil municipal").
    words: dict[str, dict[str, Any]] = {}
    # A folder of the site's own .po files, <lang>/LC_MESSAGES/<domain>.po, whose translations win
    # over Parvis's catalogs (any message, any language); relative to this file.
    translations: str = ""
    # The site's logo, colours and fonts (docs/configuration.md, [site.brand]).
    brand: Brand = msgspec.field(default_factory=Brand)

    def city_name(self, locale: str) -> str:
        return self.city_names.get(locale, self.city)


class District(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    population: int
    # Paris Centre groups the 1st to 4th arrondissements: a district may cover several.
    arrondissements: list[int] = []
    # A point for maps (its town hall, say); optional.
    latitude: float | None = None
    longitude: float | None = None


class Neighbourhood(msgspec.Struct, forbid_unknown_fields=True):
    code: str
    name: str
    district: str
    qpop: bool = False  # a "quartier populaire" (working-class neighbourhood, priority area)


class Map(msgspec.Struct, forbid_unknown_fields=True):
    """The background of every map (volunteer missions, completed budget projects...)."""

    # A tile URL template ("https://tile.example.org/{z}/{x}/{y}.png"); empty: pins on a plain
    # background, and no outside server is contacted.
    tile_url: str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = "© OpenStreetMap contributors"
    center_latitude: float = 48.8566
    center_longitude: float = 2.3522
    zoom: int = 12
    # The districts' and neighbourhoods' shapes: a GeoJSON FeatureCollection whose features carry
    # properties.district or properties.neighbourhood (codes below), relative to this file. Empty:
    # no choropleth or perimeter maps, and residents choose their district from a list.
    shapes: str = ""


class Geocoding(msgspec.Struct, forbid_unknown_fields=True):
    """Finding a point from an address typed by a resident (their district, council, voting place)."""

    # A public geocoder's URL answering a GeoJSON FeatureCollection, "{query}" standing for the
    # address ("https://geocoder.example.org/search/?q={query}&limit=1"). Empty: residents choose
    # their district from a list. Requests go from the server; the address is never logged.
    url: str = ""
    timeout_seconds: float = 3.0
    # Searches per client address and hour (the geocoder's quota is the city's): then a wait.
    searches_per_address_hour: int = 60


class Mail(msgspec.Struct, forbid_unknown_fields=True):
    """Outgoing e-mail. $PARVIS_SMTP_URL overrides ``smtp_url`` (a password stays out of the file)."""

    # smtp://user:password@host:25, smtp+starttls://host:587 or smtps://host:465. Empty: in
    # development each mail is written to ``folder``; in production mail waits in the outbox.
    smtp_url: str = ""
    sender: str = ""  # "Participation <participation@example.org>"; default: site.contact_email
    folder: str = "var/mail"
    timeout_seconds: float = 10.0
    # Attempts before a message is marked failed (retried after 1, 2, 4... minutes, at most 6 hours).
    max_attempts: int = 8
    # Sent (and failed) messages are deleted from the outbox this many days later by the daily
    # purge of personal data (``parvis privacy purge``).
    sent_retention_days: int = 90


class Accounts(msgspec.Struct, forbid_unknown_fields=True):
    """Passwords, e-mail links and the actions that need a confirmed address."""

    password_min_length: int = 12
    # argon2id parameters. Paris uses OWASP's recommendation (19 MiB, 2 passes, 1 lane); a hash
    # made with other parameters is upgraded when its owner next signs in.
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19456
    argon2_parallelism: int = 1
    # How long the links sent by e-mail stay valid.
    reset_link_minutes: int = 60
    verification_link_hours: int = 48
    invitation_link_hours: int = 168
    # Password-reset requests: per address typed, and per client address, within the window.
    reset_requests_per_account: int = 3
    reset_requests_per_address: int = 20
    # Verification links sent again, and e-mail address changes, per account within the window.
    verification_requests_per_account: int = 3
    request_window_minutes: int = 60
    # Actions refused until the account's e-mail address is confirmed (codes: vote, apply, volunteer).
    verified_address_for: list[str] = msgspec.field(default_factory=lambda: ["vote", "apply", "volunteer"])


class Plugins(msgspec.Struct, forbid_unknown_fields=True):
    enabled: list[str] = msgspec.field(default_factory=list)
    blocked: list[str] = msgspec.field(default_factory=list)


class Server(msgspec.Struct, forbid_unknown_fields=True):
    database_url: str = "sqlite:///var/parvis.sqlite3"
    # Development mode relaxes cookie security (plain http on localhost) and enables debug pages.
    development: bool = False
    secret_key_file: str = "var/secret_key"  # noqa: S105 - a path, not a secret
    # How many machines serve this site on the same database. Above 1 every node must sign with the
    # same secret key: production then refuses a key generated on one machine (PARVIS_SECRET_KEY).
    nodes: int = 1
    # "json" (one object per line), "text", or "auto": JSON in production, text in development.
    log_format: str = "auto"
    log_level: str = "INFO"
    # Bearer token for GET /metrics (PARVIS_METRICS_TOKEN overrides it); empty: /metrics is a 404.
    metrics_token: str = ""
    # Reverse proxies (addresses or networks) whose X-Forwarded-For header is believed; none by
    # default, so a visitor cannot pick the address rate limits and the audit log see.
    trusted_proxies: list[str] = msgspec.field(default_factory=list)
    # Audit log entries older than this are purged (never less than 365 days).
    audit_retention_days: int = 1095


class Security(msgspec.Struct, forbid_unknown_fields=True):
    """Sign-in protection and two-factor authentication (docs/configuration.md, ``[security]``).

    Failed attempts never lock an account: past a free number, each further attempt waits, the
    wait doubling each time (``first_delay_seconds``, at most ``max_delay_seconds``).
    """

    # Failed sign-ins (or codes) for one account from one address before each further one waits.
    attempts_per_account_address: int = 5
    # Failed attempts from one address, whatever the accounts, before that address waits.
    attempts_per_address: int = 30
    # Failed attempts on one account from every address before everyone waits but its owner, who
    # is e-mailed a one-time link that lets their browser in (an account under attack).
    attempts_per_account: int = 50
    first_delay_seconds: int = 30
    max_delay_seconds: int = 3600
    # A counter without attempts for this long starts again from zero.
    forget_after_hours: int = 24
    # How long the unlock link in that e-mail works, and how long the browser it unlocked is trusted.
    unlock_link_minutes: int = 60
    unlocked_browser_days: int = 30
    # Officials and administrators must use two-factor authentication before any back-office page.
    two_factor_for_staff: bool = False
    # Time allowed to type the code after the password (the half-signed-in state expires).
    two_factor_minutes: int = 5


class Config(msgspec.Struct, forbid_unknown_fields=True):
    site: Site
    districts: list[District] = []
    neighbourhoods: list[Neighbourhood] = []
    plugins: Plugins = msgspec.field(default_factory=Plugins)
    server: Server = msgspec.field(default_factory=Server)
    map: Map = msgspec.field(default_factory=Map)
    geocoding: Geocoding = msgspec.field(default_factory=Geocoding)
    mail: Mail = msgspec.field(default_factory=Mail)
    accounts: Accounts = msgspec.field(default_factory=Accounts)
    security: Security = msgspec.field(default_factory=Security)
    # Raw per-plugin sections, validated later against each plugin's declared struct.
    settings: dict[str, dict[str, Any]] = {}
    eligibility: dict[str, dict[str, Any]] = {}
    # The city's workflows ({name: table shaped like the plugin's TOML}), checked by parvis.workflows.
    workflows: dict[str, dict[str, Any]] = {}
    path: str = ""

    def district_points(self) -> dict[str, tuple[float, float]]:
        """District code -> (latitude, longitude), for the districts the file gives a point."""
        return {
            d.code: (d.latitude, d.longitude)
            for d in self.districts
            if d.latitude is not None and d.longitude is not None
        }

    def district(self, code: str) -> District | None:
        return next((d for d in self.districts if d.code == code), None)

    def neighbourhood(self, code: str) -> Neighbourhood | None:
        return next((n for n in self.neighbourhoods if n.code == code), None)
