"""Browser tests for Parvis and plugins: Playwright driving the system's Chromium, and the checks
every page a journey visits must pass (``a11y``: axe-core's WCAG 2.1 A/AA rules, reflow at 320 CSS
px, the language's typography, the ``lang`` of officials' texts). The fixtures are registered by
``parvis.testing``."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from parvis import i18n
from parvis.testing_lang import check_languages


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def translated(locale: str, message: str, domain: str | None = None, **values: object) -> str:
    """``message`` as a page shows it in ``locale``: translated in ``domain`` (a plugin's, core's
    by default), its ``{placeholders}`` filled with ``values``, for a journey to find it."""
    with i18n.use_locale(locale):
        text = i18n.gettext(message, domain=domain or i18n.CORE_DOMAIN)
    return text.format(**values) if values else text


# ---------------------------------------------------------------------------
# Browser tests: Playwright driving the system's Chromium (never a downloaded browser). Without
# Chromium they are skipped, unless $PARVIS_REQUIRE_BROWSER is set (CI), where that is a failure.
# One Playwright instance per test process: the fixtures live here, not in several conftests.
# ---------------------------------------------------------------------------


def axe_script() -> Path:
    """axe-core for accessibility checks: $PARVIS_AXE_JS, else the copy vendored in Parvis's tests."""
    return Path(os.environ.get("PARVIS_AXE_JS") or project_root() / "tests" / "e2e" / "vendor" / "axe.min.js")


@cache
def axe_url() -> str:
    """Where the page loads axe-core from: a server of this process that serves only that file,
    cacheable. Loaded from a URL, the browser keeps the compiled script between the checks of a
    test (about 110 ms saved a check, of 180); injected as text, it parsed 500 kB each time."""
    body = axe_script().read_bytes()

    class AxeOnly(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=86400, immutable")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), AxeOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/axe.min.js"


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _chromium() -> str | None:
    candidate = (
        os.environ.get("PARVIS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    return candidate if candidate and Path(candidate).exists() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        if os.environ.get("PARVIS_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required ($PARVIS_REQUIRE_BROWSER) but was not found")
        pytest.skip("Chromium is not installed; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def context(browser: Any, live_server: str, site: Any) -> Iterator[Any]:
    from parvis import testing_lang

    # bypass_csp only lets the test inject axe-core; the site's own CSP is checked in HTTP tests.
    ctx = browser.new_context(base_url=live_server, bypass_csp=True, locale="en-GB")
    ctx.set_default_timeout(60_000)  # a busy machine is slow, not wrong
    testing_lang.watch(site)  # the officials' texts whose language pages must mark
    yield ctx
    testing_lang.forget()
    ctx.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert not errors, f"JavaScript errors on the page: {errors}"


REFLOW_WIDTH = 320  # CSS px: WCAG 1.4.10 (1280 px at 400 % zoom)

_OVERFLOWING = """() => {
  const root = document.scrollingElement, width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const name = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim() : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (classes ? '.' + classes.split(/\\s+/).join('.') : '');
  };
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || clipped(el)) continue;
    const parent = el.parentElement;
    const outermost = parent === document.body || parent.getBoundingClientRect().right <= width + 1;
    if (outermost || culprits.length === 0) {
      culprits.push(name(parent) + ' > ' + name(el) + ' (right edge at ' + Math.round(box.right) + ' px): '
        + JSON.stringify((el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60)));
    }
    if (culprits.length >= 5) break;
  }
  return {scrollWidth: root.scrollWidth, width: width, culprits: culprits};
}"""


def check_reflow(page: Any, width: int = REFLOW_WIDTH) -> None:
    """Fail if the current page scrolls sideways at ``width`` CSS px (WCAG 1.4.10, reflow): only a
    wide table may scroll, inside its own region. Reports the elements that stick out. The page
    is laid out again at its previous size afterwards."""
    previous = page.viewport_size
    page.set_viewport_size({"width": width, "height": 640})
    try:
        overflow = page.evaluate(_OVERFLOWING)
    finally:
        if previous:
            page.set_viewport_size(previous)
    if overflow:
        culprits = overflow["culprits"] or ["(no single element found)"]
        report = "\n".join(f"- {culprit}" for culprit in culprits)
        raise AssertionError(
            f"{page.url} scrolls sideways at {width} px: {overflow['scrollWidth']} px wide for "
            f"{overflow['width']} px (WCAG 1.4.10). Sticking out:\n{report}"
        )


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TYPOGRAPHY_RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "fr": [
        (re.compile(r"\S+[ \u00a0][:;!?»](?=\s|$)"), "a space that is not U+202F before : ; ! ? »"),
        (re.compile(r"«[ \u00a0]\S*"), "a space that is not U+202F after «"),
    ],
    # Only for texts the project writes (the catalogs): people may type "chauds:" in content.
    "fr-strict": [
        (re.compile(r"[^\W\d_]{2,}[:;!?](?=\s|$)"), "no narrow no-break space before : ; ! ?"),
    ],
    "ja": [
        (re.compile(rf"[{_CJK}]+ ?:"), "an ASCII colon after Japanese text (：)"),
        (re.compile(rf"[{_CJK}]+ ?[!?](?=\s|$|[{_CJK}])"), "ASCII ! or ? after Japanese text"),
    ],
}


def typography_faults(text: str, language: str, *, strict: bool = False) -> list[str]:
    """Where ``text`` breaks its language's punctuation rules (parvis.formatting.punctuate): in
    French a space that is not a narrow no-break space (U+202F) before : ; ! ? » or after « (and,
    ``strict``, for the project's own messages, no space at all); in Japanese an ASCII colon, !
    or ? after Japanese text. Each fault is quoted."""
    faults = []
    rules = _TYPOGRAPHY_RULES.get(language[:2], [])
    if strict:
        rules = rules + _TYPOGRAPHY_RULES.get(f"{language[:2]}-strict", [])
    for pattern, rule in rules:
        faults += [f"{rule}: {found.group(0)!r}" for found in pattern.finditer(text)]
    return faults


_PAGE_TEXT = """() => {
  const language = document.documentElement.lang, parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const holder = node.parentElement;
    if (holder.closest('script, style, code, pre, textarea, [translate=no]')) continue;
    const marked = holder.closest('[lang]');
    if (marked && marked.lang !== language) continue;
    parts.push(node.data);
  }
  return [language, parts.join('')];
}"""


def check_typography(page: Any) -> None:
    """Fail if the current page's text breaks its language's punctuation (``typography_faults``);
    text marked with another ``lang``, code and form values are left out."""
    language, text = page.evaluate(_PAGE_TEXT)
    faults = typography_faults(text, language)
    assert not faults, f"Typography of {page.url} ({language}):\n" + "\n".join(f"- {f}" for f in faults[:10])


def check_accessibility(page: Any) -> None:
    """Run axe-core's WCAG 2.1 A/AA rules on the current page and fail with a readable report;
    then check that the page reflows at 320 CSS px (``check_reflow``) and follows its language's
    typography (``check_typography``). Every browser test that checks a page's accessibility
    checks these on every page it visits, and that officials' texts carry their language's
    ``lang`` (``testing_lang.check_languages``)."""
    page.add_script_tag(url=axe_url())
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"""
    )
    violations = result["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"Accessibility violations on {page.url}:\n{report}"
    check_reflow(page)
    check_typography(page)
    check_languages(page)


@pytest.fixture
def a11y() -> Any:
    return check_accessibility
