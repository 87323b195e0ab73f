"""The public plugin API: the one module of core a plugin imports.

Everything a plugin needs from core is named here; what is not here is internal and may change
without notice. Grouped like docs/plugins.md: hooks, refusals and the unit of work, web pages,
forms, authorisation, data, text and time, and the platform services: ``audit.record`` /
``audit.record_request`` (the audit log), ``send_mail`` / ``send_mail_template`` (the mailer),
``client_address``, ``ratelimit`` (attempt counters), ``metrics`` (Prometheus counters: ballots
cast, mail, jobs), personal data (``PersonalData``, ``Retention``, ``LegalBasis``,
``ExportSection``/``section``, ``Kept`` for the ``*_personal_data`` hooks; ``privacy`` for the
export, erasure and purge themselves),
background jobs (``JobDefinition``, ``start_job``, ``job_path``, stored files);
``require_verified(state, VOTE | APPLY | VOLUNTEER)`` before an action that needs a confirmed
e-mail address. Exports are added here as they land in core.
"""

from __future__ import annotations

from parvis import audit, hookimpl, metrics, privacy, ratelimit
from parvis.accounts.verification import APPLY, VOLUNTEER, VOTE, AddressNotConfirmed, require_verified
from parvis.auth import Actor
from parvis.config import ConfigError, config_error
from parvis.db import Base, PublicIdMixin, TimestampMixin, enum_type, utcnow
from parvis.eligibility import EligibilityRule, EligibilityRuleName
from parvis.i18n import N_, TranslationDomain, _, lazy_gettext, lazy_word, ngettext, use_locale, word
from parvis.identity import Account, Person
from parvis.jobs import JobContext, JobDefinition, StoredFile, Visibility, crontab, job_path, key_of
from parvis.jobs import start as start_job
from parvis.jobs import start_now as start_job_now
from parvis.jobs.files import cached as cached_file
from parvis.jobs.web import file_response
from parvis.mail import send as send_mail
from parvis.mail import send_template as send_mail_template
from parvis.permissions import ADMIN, CITIZEN, MEMBER, OFFICIAL, Action
from parvis.privacy import ExportSection, Kept, LegalBasis, PersonalData, Retention, section
from parvis.refusals import Invalid, Refused
from parvis.site import Site
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import BoundForm, Field, Form
from parvis.web.guards import (
    admin,
    allowed,
    back_office,
    can,
    check,
    has_role,
    official,
    public,
    signed_in,
    signed_in_actor,
)
from parvis.web.listing import Listing, filter_query, paginate
from parvis.web.navigation import HomePanel, MenuItem
from parvis.web.render import is_htmx, page, redirect, url
from parvis.web.types import DB, CurrentActor, CurrentSite, FormData, FromPath, FromQuery, MultipartData
from parvis.web.unit_of_work import on_refusal

__all__ = [
    "ADMIN",
    "APPLY",
    "CITIZEN",
    "DB",
    "MEMBER",
    "N_",
    "OFFICIAL",
    "VOLUNTEER",
    "VOTE",
    "Account",
    "Action",
    "Actor",
    "AddressNotConfirmed",
    "Base",
    "BoundForm",
    "ConfigError",
    "CurrentActor",
    "CurrentSite",
    "EligibilityRule",
    "EligibilityRuleName",
    "ExportSection",
    "Field",
    "Form",
    "FormData",
    "FromPath",
    "FromQuery",
    "HomePanel",
    "Invalid",
    "JobContext",
    "JobDefinition",
    "Kept",
    "LegalBasis",
    "Listing",
    "MenuItem",
    "MultipartData",
    "Person",
    "PersonalData",
    "PublicIdMixin",
    "Refused",
    "Retention",
    "Site",
    "StoredFile",
    "TimestampMixin",
    "TranslationDomain",
    "Visibility",
    "_",
    "admin",
    "allowed",
    "audit",
    "back_office",
    "cached_file",
    "can",
    "check",
    "client_address",
    "config_error",
    "crontab",
    "enum_type",
    "file_response",
    "filter_query",
    "has_role",
    "hookimpl",
    "is_htmx",
    "job_path",
    "key_of",
    "lazy_gettext",
    "lazy_word",
    "metrics",
    "ngettext",
    "official",
    "on_refusal",
    "page",
    "paginate",
    "privacy",
    "public",
    "ratelimit",
    "redirect",
    "require_verified",
    "section",
    "send_mail",
    "send_mail_template",
    "signed_in",
    "signed_in_actor",
    "start_job",
    "start_job_now",
    "state_of",
    "url",
    "use_locale",
    "utcnow",
    "word",
]


# ---------------------------------------------------------------------------------------------
# Submodules for plugins that build on a core feature, with the names of the ``api`` branch's
# package (issue 13.4: ``parvis.api.bodies``, ``parvis.api.cli``, ``parvis.api.demo``), so that
# plugins written from the scaffold (``parvis plugin new``) import what they will import there.
# Temporary: when that package is merged, its modules replace these (same names, more of them).
# ---------------------------------------------------------------------------------------------


def _submodule(name: str, doc: str, source: str, names: tuple[str, ...]) -> None:
    import importlib
    import sys
    import types

    class Lazy(types.ModuleType):
        def __getattr__(self, attribute: str) -> object:
            if attribute not in names:
                raise AttributeError(attribute)
            return getattr(importlib.import_module(source), attribute)

    module = Lazy(f"{__name__}.{name}", doc)
    module.__all__ = list(names)  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module


_submodule(
    "bodies",
    "Participatory bodies: body kinds, the models and the service that creates a body.",
    "parvis.bodies.api_names",
    ("Body", "BodyKind", "CollegeTemplate", "FillMethod", "create_body"),
)
_submodule(
    "cli",
    "The command line: ``@pass_context`` gives a command ``ctx.site``, the site of --config.",
    "parvis.cli",
    ("Context", "pass_context"),
)
_submodule("demo", "Demo data helpers: the ``DemoContext`` seeders receive.", "parvis.demo", ("DemoContext",))
