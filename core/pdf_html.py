"""Tagged, accessible PDF (PDF/UA-1) printed from a page's own HTML and print stylesheet.

``template_pdf(site, "x/report.html", language=..., title=..., **context)`` renders a page template
inside the ``print.html`` layout (the same template and ``@media print`` rules a browser prints)
and ``html_pdf`` turns that HTML into PDF with WeasyPrint: a structure tree built from the HTML
(headings, lists, tables), the document's language and title in its catalog and metadata, and a
PDF/UA-1 identification, so the printed and the accessible versions are one document.

Fonts are chosen by family name through fontconfig: the print stylesheet names families that
cover Japanese (Noto Sans CJK JP, from Debian's fonts-noto-cjk) so kana and kanji are embedded as
text, not missing glyphs. Stylesheets and images are read from the site's static folders only
(``register_static_dirs``): ``local_static_file`` maps ``/static/<name>/<path>`` to a file inside
its folder, and every other address (another host, ``file:``, a path outside the folder) is
refused, so making a PDF never reaches the network or the rest of the disk.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup

from parvis.i18n import _, use_locale

if TYPE_CHECKING:
    from parvis.site import Site

# WeasyPrint warns about every rule a browser reads and it does not (media queries on width,
# ::-webkit-* selectors, SVG fills in CSS): the shared stylesheets hold many. Its errors still show.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PDF_VARIANT = "pdf/ua-1"
PRINT_LAYOUT = "print.html"


class MissingTitleError(ValueError):
    """PDF/UA requires a document title (the HTML's ``<title>``)."""


def site_base_url(site: Site) -> str:
    """Where relative addresses of the printed page point: the site's public address."""
    return (site.config.site.public_url or "http://localhost:8000").rstrip("/") + "/"


def static_folders(site: Site) -> dict[str, Path]:
    return {
        name: Path(folder).resolve()
        for dirs in site.hook.register_static_dirs(site=site)
        for name, folder in dirs.items()
    }


def local_static_file(folders: dict[str, Path], base_url: str, url: str) -> Path | None:
    """The file a stylesheet or image address names, if it is one of the site's static files.

    Only ``<base_url>/static/<name>/<path>`` is served, from the folder registered as ``name``;
    anything else (another host or scheme, a query, ``..`` leaving the folder, a missing file) is None.
    """
    target, base = urlsplit(urljoin(base_url, url)), urlsplit(base_url)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc) or target.query:
        return None
    parts = unquote(target.path).split("/")
    if len(parts) < 4 or parts[0] != "" or parts[1] != "static" or parts[2] not in folders:
        return None
    folder = folders[parts[2]]
    path = folder.joinpath(*parts[3:]).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return None
    return path


def _fetcher(site: Site, base_url: str) -> Any:
    """A WeasyPrint URL fetcher that serves the site's static files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folders = static_folders(site)

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = local_static_file(folders, base_url, url)
            if path is None:
                # WeasyPrint logs the refusal and prints the page without the resource.
                raise ValueError(f"not one of the site's static files: {url[:200]}")
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type.endswith(("+xml", "/json")):
                media_type += "; charset=utf-8"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})

    return StaticFilesOnly()  # its ``fetch`` never reaches urllib's handlers (http, ftp, file)


def html_pdf(site: Site, html: str, *, language: str, base_url: str | None = None) -> bytes:
    """The HTML page as a tagged PDF/UA-1 document in ``language``, titled by its ``<title>``.

    ``base_url`` (the site's public address by default) resolves the page's relative links, which
    stay clickable in the PDF; resources are read only from the site's static folders.
    """
    from weasyprint import HTML

    base = base_url or site_base_url(site)
    document = HTML(string=html, base_url=base, url_fetcher=_fetcher(site, base), media_type="print").render(
        pdf_variant=PDF_VARIANT
    )
    if not (document.metadata.title or "").strip():
        raise MissingTitleError("a PDF/UA document needs a title: give the HTML a <title>")
    document.metadata.lang = language  # the catalog's /Lang, whatever the HTML says
    document.metadata.generator = document.metadata.generator or "Parvis"  # the PDF's /Creator
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))


def template_pdf(
    site: Site, template: str, *, language: str, title: str, base_url: str | None = None, **context: Any
) -> bytes:
    """A page template printed as a tagged PDF in ``language`` (see ``print_html``)."""
    html = print_html(site, template, language=language, title=title, **context)
    return html_pdf(site, html, language=language, base_url=base_url)


def print_html(site: Site, template: str, *, language: str, title: str, **context: Any) -> str:
    """The page template rendered in ``language`` inside the ``print.html`` layout.

    The template ``{% extends layout %}`` like every page; its links are written with ``url()``
    as on the site. The layout adds numbered pages ("Page 2/5", translated) and the print styles.
    """
    from parvis.web.templating import site_environment

    environment = site_environment(site)  # the site's Jinja environment (HTML-escaping), built once
    with use_locale(language):
        values = {
            "site": site,
            "city": site.config.site.city_name(language),
            "locale": language,
            "layout": PRINT_LAYOUT,
            "title": title,
            "url": lambda path="/", **query: _page_url(language, path, **query),
            "page_numbers": page_numbers_css(_("Page {page}")),
            **context,
        }
        return str(environment.get_template(template).render(values))


def _page_url(language: str, path: str, **query: Any) -> str:
    from urllib.parse import urlencode

    clean = {k: v for k, v in query.items() if v not in (None, "")}
    target = f"/{language}{path if path.startswith('/') else '/' + path}"
    return target + ("?" + urlencode(clean, doseq=True) if clean else "")


def page_numbers_css(label: str) -> Markup:
    """The CSS ``content`` of a page's number from a translated label with ``{page}`` ("2/5")."""
    before, _sep, after = label.partition("{page}")
    return Markup(f'{css_string(before)} counter(page) "/" counter(pages) {css_string(after)}')  # noqa: S704


def css_string(text: str) -> str:
    """A CSS string literal that cannot end the string, the rule or the ``<style>`` element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;!?'-()\u202f\u00a0" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'
