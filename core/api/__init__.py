"""The public plugin API: the only part of core a plugin imports.

Everything a plugin needs from core is named here or in one of the submodules below; what is not
is internal and may change without notice. ``make lint`` enforces it on the built-in plugins
(import-linter, see ``[tool.importlinter]`` in pyproject.toml), and docs/plugins.md says what is
stable (``HOOK_API_VERSION``).

This module, grouped like docs/plugins.md:

- hooks and versions: ``hookimpl``, ``HOOK_API_VERSION``, ``Site``, ``TranslationDomain``,
  ``PluginFolder`` (the hooks of a plugin folder's layout: settings, catalogs, migrations,
  templates, static files), ``config_error``/``ConfigError`` (refuse a setting in
  ``check_settings``), ``Theme`` with ``theme_label``/``theme_choices`` (themes a city configures);
- refusals and the unit of work: ``Refused``, ``Invalid``, ``on_refusal`` (a refusal reaches a
  form's field through ``BoundForm.attach``, never by hand);
- back offices: ``backoffice`` (``backoffice.Resource``: the shared add/edit/delete steps of a
  back-office resource; ``submit``, ``refuse_on_form``, ``refuse_to``, ``save``);
- web pages: the handler parameter types (``DB``, ``FormData``, ``FromPath``...), ``state_of``,
  ``page``, ``redirect``, ``url``, ``flash``, ``is_htmx``, ``MenuItem``, ``HomePanel``,
  ``client_address``, lists (``paginate``, ``Listing``, ``filter_query``), a URL's row or a 404
  (``one_or_404``, ``not_found``);
- forms: ``Form``, ``Field``, ``BoundForm``, ``location_fields``/``check_location``;
- authorisation: ``Actor``, ``Action`` and the roles, ``Actions`` (a plugin's actions, each
  declared once where its constant is named), the guards (``public``, ``signed_in``,
  ``can(...)``...), ``require_verified(state, VOTE | APPLY | VOLUNTEER)``; district-scoped
  actions (``Action(..., district_scoped=True)``): ``in_district(code)`` as the resource of a
  check, ``districts_allowed(state, action)`` for what a district's officials may list;
- data: ``Base`` and the mixins, ``enum_type``, ``LabelledEnum`` (a ``StrEnum`` whose members carry
  their label), ``UTCDateTime``, ``utcnow``, ``Person``,
  ``Account``, eligibility rules;
- text and time: ``_``, ``ngettext``, ``lazy_gettext``, ``N_``, the site's words (``word``),
  ``use_locale``, and the formatting of dates, numbers and money in the current language;
- platform services: ``audit.record`` / ``audit.record_request`` (the audit log), ``send_mail`` /
  ``send_mail_template`` (the mailer), ``ratelimit``, ``metrics``, personal data
  (``DataService``/``PersonalData``, ``Retention``, ``LegalBasis``, ``export_table``/``ExportColumn``
  with ``joined`` (or ``ExportSection``/``section``), ``Kept`` (or ``KeptRule``/``kept_by``);
  ``privacy`` for the export, erasure and purge themselves), background jobs (``JobDefinition``,
  ``start_job``, ``job_path``, stored files), ``html_pdf`` / ``template_pdf`` (a page's HTML and
  print stylesheet as a tagged, accessible PDF/UA document), and the deprecated ``pdf_document``,
  ``choose_font`` and ``latin1`` (an untagged A4 report drawn with fpdf2; removed in 2.0).

Submodules, for plugins that build on a core feature:

- ``parvis.api.bodies``: participatory bodies (models, kinds, services);
- ``parvis.api.decisions``: decisions, their workflows and follow-up;
- ``parvis.api.workflows``: life cycles as data (missions, ideas...), moved by one engine;
- ``parvis.api.councils``: the council kit (calls for applications, draws by group);
- ``parvis.api.sortition``: the draw algorithms (pools, quotas, verification);
- ``parvis.api.pollbook``: the poll book (one "has voted" mark per elector and poll);
- ``parvis.api.content_translations``: officials' texts in every site language (``tr(obj, field)``);
- ``parvis.api.maps``: the city's district and neighbourhood shapes (point lookup, GeoJSON, SVG
  choropleths) and finding a district from an address (``[geocoding]``);
- ``parvis.api.content``: content kinds (what comments, moderation, notifications and the search
  may point at);
- ``parvis.api.photos``: the photo store (a content's photos, cleaned, with their alternative
  text, served with moderation applied at ``/photos/<public id>``);
- ``parvis.api.search``: the site search (documents, reindex, the one way to fold and stem text);
- ``parvis.api.demo``: demo data helpers (``DemoContext``, invented names);
- ``parvis.api.cli``: the command line's site context (``pass_context``).

Plugin tests may also use ``parvis.testing`` (the pytest fixtures).
"""

from __future__ import annotations

from parvis import audit, metrics, privacy, ratelimit
from parvis.accounts.verification import APPLY, VOLUNTEER, VOTE, AddressNotConfirmed, require_verified
from parvis.auth import Actor, load_actor, normalise_email
from parvis.config import ConfigError, config_error
from parvis.db import (
    Base,
    PublicIdMixin,
    TimestampMixin,
    UTCDateTime,
    declare_unmanaged,
    enum_type,
    rows_affected,
    utcnow,
)
from parvis.eligibility import EligibilityRule, EligibilityRuleName
from parvis.enums import LabelledEnum
from parvis.exports import content_disposition, csv_response, csv_text, download, json_response, safe_cell
from parvis.formatting import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
    format_time,
    local,
    site_timezone,
)
from parvis.health import ReadinessCheck
from parvis.hookversions import HOOK_API_VERSION, STABLE_HOOKS
from parvis.i18n import (
    N_,
    TranslationDomain,
    _,
    babel_locale,
    current_locale,
    default_localedir,
    lazy_gettext,
    lazy_word,
    ngettext,
    use_locale,
    word,
)
from parvis.identity import Account, Gender, NationalityGroup, Person
from parvis.jobs import JobContext, JobDefinition, StoredFile, Visibility, crontab, job_path, key_of
from parvis.jobs import start as start_job
from parvis.jobs import start_now as start_job_now
from parvis.jobs.files import cached as cached_file
from parvis.jobs.files import store as store_file
from parvis.jobs.web import cached_or_job_page, cached_or_started, file_response
from parvis.mail import send as send_mail
from parvis.mail import send_template as send_mail_template
from parvis.mail.delivery import deliver_due as deliver_mail_now
from parvis.pdf import FontChoice, PdfDocument, choose_font, latin1, pdf_document
from parvis.pdf_html import html_pdf, template_pdf
from parvis.permissions import ADMIN, CITIZEN, MEMBER, OFFICIAL, Action, Actions, in_district
from parvis.plugin_folder import PluginFolder
from parvis.pluginmanager import hookimpl
from parvis.privacy import (
    DataService,
    ExportColumn,
    ExportSection,
    Kept,
    KeptRule,
    LegalBasis,
    PersonalData,
    Retention,
    anonymise,
    export_table,
    joined,
    kept_by,
    officials_work,
    retention_span,
    section,
)
from parvis.refusals import Invalid, Refused
from parvis.site import Site
from parvis.themes import Theme, theme_choices, theme_label
from parvis.web import backoffice
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import BoundForm, Field, Form, check_location, location_fields
from parvis.web.guards import (
    admin,
    allowed,
    back_office,
    can,
    check,
    districts_allowed,
    has_role,
    official,
    public,
    signed_in,
    signed_in_actor,
)
from parvis.web.listing import Listing, filter_query, paginate
from parvis.web.lookup import not_found, one_or_404
from parvis.web.navigation import HomePanel, MenuItem
from parvis.web.render import flash, is_htmx, page, redirect, url
from parvis.web.types import (
    DB,
    MAX_PAGE,
    AnyRequest,
    CurrentActor,
    FormData,
    FromPath,
    FromQuery,
    MultipartData,
    page_number,
)
from parvis.web.unit_of_work import on_refusal

__all__ = [
    "ADMIN",
    "APPLY",
    "CITIZEN",
    "DB",
    "HOOK_API_VERSION",
    "MAX_PAGE",
    "MEMBER",
    "N_",
    "OFFICIAL",
    "STABLE_HOOKS",
    "VOLUNTEER",
    "VOTE",
    "Account",
    "Action",
    "Actions",
    "Actor",
    "AddressNotConfirmed",
    "AnyRequest",
    "Base",
    "BoundForm",
    "ConfigError",
    "CurrentActor",
    "DataService",
    "EligibilityRule",
    "EligibilityRuleName",
    "ExportColumn",
    "ExportSection",
    "Field",
    "FontChoice",
    "Form",
    "FormData",
    "FromPath",
    "FromQuery",
    "Gender",
    "HomePanel",
    "Invalid",
    "JobContext",
    "JobDefinition",
    "Kept",
    "KeptRule",
    "LabelledEnum",
    "LegalBasis",
    "Listing",
    "MenuItem",
    "MultipartData",
    "NationalityGroup",
    "PdfDocument",
    "Person",
    "PersonalData",
    "PluginFolder",
    "PublicIdMixin",
    "ReadinessCheck",
    "Refused",
    "Retention",
    "Site",
    "StoredFile",
    "Theme",
    "TimestampMixin",
    "TranslationDomain",
    "UTCDateTime",
    "Visibility",
    "_",
    "admin",
    "allowed",
    "anonymise",
    "audit",
    "babel_locale",
    "back_office",
    "backoffice",
    "cached_file",
    "cached_or_job_page",
    "cached_or_started",
    "can",
    "check",
    "check_location",
    "choose_font",
    "client_address",
    "config_error",
    "content_disposition",
    "crontab",
    "csv_response",
    "csv_text",
    "current_locale",
    "declare_unmanaged",
    "default_localedir",
    "deliver_mail_now",
    "districts_allowed",
    "download",
    "enum_type",
    "export_table",
    "file_response",
    "filter_query",
    "flash",
    "format_date",
    "format_datetime",
    "format_money",
    "format_number",
    "format_percent",
    "format_time",
    "has_role",
    "hookimpl",
    "html_pdf",
    "in_district",
    "is_htmx",
    "job_path",
    "joined",
    "json_response",
    "kept_by",
    "key_of",
    "latin1",
    "lazy_gettext",
    "lazy_word",
    "load_actor",
    "local",
    "location_fields",
    "metrics",
    "ngettext",
    "normalise_email",
    "not_found",
    "official",
    "officials_work",
    "on_refusal",
    "one_or_404",
    "page",
    "page_number",
    "paginate",
    "pdf_document",
    "privacy",
    "public",
    "ratelimit",
    "redirect",
    "require_verified",
    "retention_span",
    "rows_affected",
    "safe_cell",
    "section",
    "send_mail",
    "send_mail_template",
    "signed_in",
    "signed_in_actor",
    "site_timezone",
    "start_job",
    "start_job_now",
    "state_of",
    "store_file",
    "template_pdf",
    "theme_choices",
    "theme_label",
    "url",
    "use_locale",
    "utcnow",
    "word",
]
