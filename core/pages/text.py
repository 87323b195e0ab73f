"""Officials' text to safe HTML: Markdown rendered by markdown-it-py, then sanitised by nh3.

Officials write Markdown (and may paste simple HTML). Whatever they send, what reaches a visitor is
cleaned on the server against an allow-list: text structure, links and tables only; no script, no
event handler, no style, no ``javascript:`` address; every link gets ``rel="noopener noreferrer"``.
Headings move one level down, so a text's ``# Heading`` sits under the page's own ``h1``.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    *("p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
    *("strong", "em", "b", "i", "s", "sub", "sup", "abbr", "a", "ul", "ol", "li", "dl", "dt", "dd"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
    # h1 is allowed in so it can be moved down to h2 (a page has one h1: its title)
    "h1",
}
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title"},
    "a": {"href", "hreflang"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Tags removed with everything inside them (the rest keep their text when they are not allowed).
REMOVED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}
HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")

_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable("table")


def sanitise(html: str) -> str:
    """An HTML fragment reduced to the allow-list (nh3, on the server)."""
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", clean)


def render(source: str) -> Markup:
    """Markdown (with simple HTML) to sanitised HTML, safe to put in a page as it is."""
    if not source.strip():
        return Markup("")
    return Markup(sanitise(_markdown.render(source)))  # noqa: S704 - sanitised by nh3 just above
