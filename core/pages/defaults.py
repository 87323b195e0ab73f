"""The pages every site starts with: the legal notice, how participation works, the
accessibility statement (RGAA form).

``parvis demo`` and ``parvis db upgrade`` (a fresh install) store them, published, in each of the
site's languages, for officials to complete. Until they are stored (a site upgraded another way,
a test database), the public site shows the same texts built on the fly, so the footer's links
always lead somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.i18n import _, current_locale, use_locale
from parvis.pages import statement
from parvis.pages.models import Page, PageKind, PageStatus, PageVersion

if TYPE_CHECKING:
    from parvis.site import Site

LEGAL_NOTICE, PARTICIPATION, ACCESSIBILITY = "legal-notice", "participation", "accessibility"


@dataclass(frozen=True, slots=True)
class DefaultPage:
    slug: str
    kind: PageKind
    position: int
    in_menu: bool
    title: Callable[[], str]
    body: Callable[[Site], str]


def _contact(site: Site) -> str:
    return site.config.site.contact_email or _("the address given on the home page")


def _legal_notice(site: Site) -> str:
    return _(
        "## Publisher\n\n"
        "This participation site is published by the administration of {site.city}. "
        "Director of publication: {site.mayor:the}.\n\n"
        "## Hosting\n\n"
        "To complete: the name, address and telephone number of the host.\n\n"
        "## Contact\n\n"
        "Write to {email}.\n\n"
        "## Software\n\n"
        "The site runs Parvis, free software under the GNU Affero General Public License, "
        "version 3 or later.\n\n"
        "## Personal data\n\n"
        "How your personal data is used, and your rights, are explained on the "
        "[personal data page]({privacy})."
    ).format(email=_contact(site), privacy=f"/{_locale()}/privacy")


def _participation(site: Site) -> str:
    return _(
        "## Taking part\n\n"
        "On this site you can join the participatory bodies of {site.city}, follow what they "
        "propose, and see how {site.council:the} answers: every proposal has a public follow-up.\n\n"
        "## Who can take part\n\n"
        "Each body says who may join it: age, residence, sometimes nationality. Some members are "
        "drawn by lot, so that the people drawn resemble the city; every draw is published with "
        "what anyone needs to check it.\n\n"
        "## How to start\n\n"
        "1. Create an account with your e-mail address.\n"
        "2. Choose a call for applications open now, on the home page.\n"
        "3. Follow the decisions and the answers they receive on the follow-up page.\n\n"
        "Your personal data is used only as the [personal data page]({privacy}) explains."
    ).format(privacy=f"/{_locale()}/privacy")


def _accessibility(site: Site) -> str:
    return _(
        "{site.city} is committed to making its websites accessible, in accordance with article 47 "
        "of French law no. 2005-102 of 11 February 2005. This statement applies to this participation site."
    )


def _locale() -> str:
    return current_locale.get()


DEFAULTS = (
    DefaultPage(
        ACCESSIBILITY, PageKind.ACCESSIBILITY, 10, False, lambda: _("Accessibility statement"), _accessibility
    ),
    DefaultPage(LEGAL_NOTICE, PageKind.TEXT, 20, False, lambda: _("Legal notice"), _legal_notice),
    DefaultPage(PARTICIPATION, PageKind.TEXT, 30, True, lambda: _("How participation works"), _participation),
)
BY_SLUG = {default.slug: default for default in DEFAULTS}


def _worded(site: Site) -> dict[str, str]:
    return {
        "audited_by": "",
        "audited_pages": _("Home page\nSign-in and account creation\nPersonal data\nAccessibility statement"),
        "non_compliant": _(
            "No complete audit has been carried out yet. Automated checks of the WCAG 2.1 AA rules "
            "run on the site's pages at every change."
        ),
        "derogations": _("None."),
    }


def build(site: Site, default: DefaultPage) -> Page:
    """The default page, published, in each of the site's languages (not added to any session)."""
    page = Page(
        slug=default.slug,
        kind=default.kind,
        status=PageStatus.PUBLISHED,
        original_language=site.locales[0],
        in_menu=default.in_menu,
        in_footer=True,
        position=default.position,
        statement={},
        published_statement={},
    )
    if default.kind is PageKind.ACCESSIBILITY:
        facts = statement.neutral_values(
            {
                "level": statement.PARTIAL,
                "technologies": "HTML5, CSS, JavaScript",
                "contact_email": site.config.site.contact_email,
            }
        )
        page.statement, page.published_statement = facts, dict(facts)
    versions = []
    for language in site.locales:
        with site.activate(), use_locale(language):
            title, body = default.title(), default.body(site)
            fields = _worded(site) if default.kind is PageKind.ACCESSIBILITY else {}
        versions.append(
            PageVersion(
                language=language,
                title=title,
                body=body,
                fields=fields,
                published_title=title,
                published_body=body,
                published_fields=dict(fields),
            )
        )
    page.versions = versions
    return page


def built_in(site: Site, slug: str) -> Page | None:
    default = BY_SLUG.get(slug)
    return build(site, default) if default else None


def missing(db: Session) -> list[DefaultPage]:
    """The default pages the database has no page for (by address)."""
    stored = set(db.scalars(select(Page.slug).where(Page.slug.in_(list(BY_SLUG)))))
    return [default for default in DEFAULTS if default.slug not in stored]


def ensure(db: Session, site: Site) -> int:
    """Store the default pages the site does not have yet; how many were added."""
    added = missing(db)
    for default in added:
        page = build(site, default)
        page.published_at = site.now()
        db.add(page)
    db.flush()
    return len(added)
