"""What core holds about people, why and for how long: the account, the person's details,
sessions and security records, mail, memberships and attendance, the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.auth import SESSION_LIFETIME
from parvis.i18n import N_, _, lazy_gettext
from parvis.privacy.declarations import (
    RUN_BY_OFFICIALS,
    UNTIL_ACCOUNT_DELETED,
    DataService,
    LegalBasis,
    PersonalData,
    Retention,
    officials_work,
)

if TYPE_CHECKING:
    from parvis.site import Site


ACCOUNT = DataService(lazy_gettext("Your account"))
# A body's records (who sat in it, who voted) are the City's public record: kept while it is.
BODY_RECORDS = Retention(N_("the body's records are archived"))
BODIES = DataService(lazy_gettext("Participatory bodies"), retention=BODY_RECORDS)
SECURITY = DataService(lazy_gettext("Security and accountability"))
ONLY_THE_SITE = lazy_gettext("Nobody: only the site itself uses them")


def declarations(site: Site) -> list[PersonalData]:
    server, mail = site.config.server, site.config.mail
    return [
        ACCOUNT.holds(
            code="core.account",
            title=lazy_gettext("Your account"),
            categories=(
                lazy_gettext("e-mail address and the name shown on the site"),
                lazy_gettext("password, stored only as an irreversible hash"),
                lazy_gettext("language, when the account was created and when you last signed in"),
                lazy_gettext("roles on the site (official, administrator, member of a body)"),
            ),
            purpose=lazy_gettext("To sign you in and let you take part, and to write to you about it."),
            retention=UNTIL_ACCOUNT_DELETED,
            recipients=(RUN_BY_OFFICIALS,),
            tables=("core_account", "core_role_grant"),
            order=10,
        ),
        ACCOUNT.holds(
            code="core.person",
            title=lazy_gettext("Your details"),
            categories=(
                lazy_gettext("given and family name"),
                lazy_gettext("date of birth, gender and nationality (French, other EU, outside the EU)"),
                lazy_gettext(
                    "whether you live in the city, your {site.district} and {site.neighbourhood}, "
                    "your address"
                ),
            ),
            purpose=lazy_gettext(
                "To check what you may take part in (age, residence, nationality) and, in draws by lot, "
                "that the people drawn resemble the city. These facts are never published."
            ),
            retention=UNTIL_ACCOUNT_DELETED,
            recipients=(RUN_BY_OFFICIALS,),
            tables=("core_person",),
            order=11,
        ),
        ACCOUNT.holds(
            code="core.sessions",
            title=lazy_gettext("Sign-in sessions and failed sign-ins"),
            categories=(
                lazy_gettext("when you signed in (the session key is stored only as a hash)"),
                lazy_gettext("your last sign-ins: when, from which network address, with which browser"),
                lazy_gettext(
                    "failed sign-in attempts: a hash of the e-mail address typed, the network address"
                ),
            ),
            purpose=lazy_gettext("To keep you signed in, and to protect accounts from password guessing."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("you sign in"), days=SESSION_LIFETIME.days),
            recipients=(ONLY_THE_SITE,),
            tables=("core_auth_session", "core_rate_counter", "core_sign_in"),
            order=12,
        ),
        ACCOUNT.holds(
            code="core.two_factor",
            title=lazy_gettext("Two-factor authentication"),
            categories=(
                lazy_gettext(
                    "the secret your authenticator app shares with the site, hashes of your recovery codes, "
                    "when you turned it on and used a code"
                ),
            ),
            purpose=lazy_gettext("To ask for a second proof when you sign in, if you turned it on."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("you turn two-factor authentication off")),
            recipients=(ONLY_THE_SITE,),
            tables=("core_two_factor", "core_recovery_code"),
            order=12,
        ),
        ACCOUNT.holds(
            code="core.links",
            title=lazy_gettext("One-time links sent by e-mail"),
            categories=(
                lazy_gettext(
                    "what each link is for (a new password, confirming an address, an invitation), a hash of "
                    "the address it was sent to, the new address you asked for, when it expires"
                ),
            ),
            purpose=lazy_gettext("To let only the owner of an address reset a password or confirm it."),
            retention=Retention(
                N_("the link is sent"),
                days=max(1, -(-site.config.accounts.invitation_link_hours // 24)),
            ),
            recipients=(ONLY_THE_SITE,),
            tables=("core_account_token",),
            order=13,
        ),
        ACCOUNT.holds(
            code="core.mail",
            title=lazy_gettext("E-mails sent to you"),
            categories=(lazy_gettext("address, subject and text of each message, when it was sent"),),
            purpose=lazy_gettext(
                "To deliver messages even when the mail server is down, and to let administrators see "
                "messages that could not be delivered."
            ),
            retention=Retention(N_("the message is sent"), days=mail.sent_retention_days),
            recipients=(
                lazy_gettext("The mail server that delivers the site's messages"),
                lazy_gettext("The site's administrators"),
            ),
            tables=("core_mail",),
            order=13,
        ),
        ACCOUNT.holds(
            code="core.jobs",
            title=lazy_gettext("Background tasks you started"),
            categories=(
                lazy_gettext("what you asked for (a draw, an export, a document), when, and its result"),
            ),
            purpose=lazy_gettext(
                "To do long work without keeping you waiting, and to show you its progress."
            ),
            retention=Retention(N_("the task ends"), days=site.settings("jobs").keep_days),
            recipients=(lazy_gettext("You, and the officials who run the site for their own tasks"),),
            tables=("core_job",),
            order=14,
        ),
        BODIES.holds(
            code="core.memberships",
            title=lazy_gettext("Memberships and attendance"),
            categories=(
                lazy_gettext(
                    "the bodies, terms and colleges you sit in, your role, when you joined and left"
                ),
                lazy_gettext("whether you attended each meeting"),
            ),
            purpose=lazy_gettext(
                "To know who sits in each body, check quorums, and keep the public record of its work."
            ),
            recipients=(
                lazy_gettext("The other members of the body and the officials who run it"),
                lazy_gettext("The public, for the members' names of bodies that publish them"),
            ),
            tables=("core_membership", "core_attendance"),
            order=20,
        ),
        SECURITY.holds(
            code="core.audit",
            title=lazy_gettext("Audit log"),
            categories=(
                lazy_gettext(
                    "privileged actions (role changes, draws, publications, deletions) and every download "
                    "of personal data: who, when, from which network address, on what"
                ),
            ),
            purpose=lazy_gettext("To account for every privileged action and every access to personal data."),
            legal_basis=LegalBasis.LEGAL_OBLIGATION,
            retention=Retention(N_("the action"), days=max(server.audit_retention_days, 365)),
            recipients=(lazy_gettext("The site's administrators"),),
            tables=("core_audit_event",),
            order=90,
        ),
        officials_work(
            code="core.officials",
            title=lazy_gettext("Officials' names on their work"),
            categories=(
                lazy_gettext("which official's account granted a role, created or reviewed an item"),
            ),
            purpose=lazy_gettext("To know who did what in the back office."),
            tables=("core_role_grant", "core_content_translation"),
            order=95,
        ),
    ]


def label_of(labels: dict[Any, str], value: Any) -> str | None:
    return _(labels[value]) if value in labels else (str(value) if value is not None else None)
