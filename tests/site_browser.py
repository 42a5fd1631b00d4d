"""Serve a built site on loopback and look at its pages in headless Chromium.

Chromium is Debian's (``.ci/install-browser`` installs it), driven through
Playwright's Python API with ``executable_path``: Playwright never downloads a
browser here. Every request to another host is aborted and recorded, so a page
that needs the network shows up as a failed request.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Headless, as root, and quiet: without the background-networking flags Chromium
# calls Google's servers on start.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = "127.0.0.1"
WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
TIMEOUT_MS = 30_000

# Runs in the page once it has loaded: waits for MathJax and the images, then
# reports what the tests check.
INSPECT_PAGE = r"""
async () => {
  const formulas = [...document.querySelectorAll('.math')];
  if (formulas.length) {
    // The MathJax script is deferred: wait for it to start, then to typeset.
    for (let tries = 0; tries < 300 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
  }
  for (const image of document.images) {
    image.loading = 'eager';
    try { await image.decode(); } catch (error) { /* reported through naturalWidth */ }
  }
  // TeX delimiters in the page's prose (not in code) mean a formula was never typeset.
  function texLeftInText() {
    const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
    const found = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('pre, code, script, style, textarea, mjx-container')) continue;
      if (/\\\(|\\\[|\$\$/.test(node.textContent)) found.push(node.textContent.trim().slice(0, 80));
    }
    return found;
  }
  return {
    mathjaxVersion: (window.MathJax && MathJax.version) || null,
    mathjaxScripts: [...document.scripts].map((script) => script.src).filter((src) => /mathjax/i.test(src)),
    formulas: formulas.length,
    untypeset: formulas
      .filter((node) => !node.querySelector('mjx-container'))
      .map((node) => node.textContent.slice(0, 80)),
    mathErrors: [...document.querySelectorAll('mjx-merror')].map((node) => node.textContent.slice(0, 80)),
    images: [...document.images].map((image) => ({src: image.currentSrc || image.src, width: image.naturalWidth})),
    links: [...document.querySelectorAll('a[href]')].map((anchor) => anchor.href),
    rawTex: texLeftInText(),
    pageWidth: document.documentElement.scrollWidth,
  };
}
"""


@dataclass
class Visit:
    """What one page did in the browser."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    state: dict = field(default_factory=dict)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(site: Path):
    """Serve ``site`` on loopback; yields the base URL, ending in a slash."""
    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def block_other_hosts(page, blocked: list[str]) -> None:
    """Abort every request of ``page`` that leaves loopback, and remember it."""

    def route(route_request):
        url = route_request.request.url
        if urlsplit(url).hostname == LOOPBACK:
            route_request.continue_()
        else:
            blocked.append(url)
            route_request.abort("blockedbyclient")

    page.route("**/*", route)


def visit(context, url: str, screenshot: Path | None = None) -> Visit:
    """Load ``url`` in a new tab of ``context``, inspect it, and optionally take a full-page screenshot."""
    seen = Visit(url)
    page = context.new_page()
    block_other_hosts(page, seen.blocked_requests)

    def on_console(message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            seen.console_errors.append(f"{message.text} ({where})")

    def on_response(response) -> None:
        if response.status >= 400:
            seen.failed_requests.append(f"{response.url}: HTTP {response.status}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: seen.failed_requests.append(f"{request.url}: {request.failure}"))
    page.on("response", on_response)
    try:
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        seen.state = page.evaluate(INSPECT_PAGE)
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=True)
    finally:
        page.close()
    return seen


def search(context, base: str, query: str) -> list[str]:
    """The addresses of the pages that the site's own search lists for ``query``."""
    page = context.new_page()
    block_other_hosts(page, [])
    try:
        page.goto(f"{base}search.html?q={query}", wait_until="load", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => /finished|did not match/i.test(document.querySelector('#search-results')?.textContent || '')",
            timeout=TIMEOUT_MS,
        )
        return page.eval_on_selector_all("#search-results ul.search li a", "anchors => anchors.map(a => a.href)")
    finally:
        page.close()


def copy_each_code_block(context, url: str) -> list[tuple[str, str]]:
    """(code shown, text copied) for every copy button of the page at ``url``.

    ``context`` must allow the clipboard (``permissions=["clipboard-read", "clipboard-write"]``).
    """
    page = context.new_page()
    block_other_hosts(page, [])
    try:
        page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
        # Open what a reader would open: code cells folded away behind "Show code".
        page.evaluate("() => document.querySelectorAll('details').forEach((folded) => { folded.open = true; })")
        buttons = page.locator("button.copybtn")
        pairs = []
        for index in range(buttons.count()):
            button = buttons.nth(index)
            shown = button.evaluate("button => button.parentElement.querySelector('pre').innerText")
            page.evaluate("() => navigator.clipboard.writeText('')")
            button.click()
            pairs.append((shown, page.evaluate("() => navigator.clipboard.readText()")))
        return pairs
    finally:
        page.close()


class _Anchors(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name == "id" or (tag == "a" and name == "name"):
                self.names.add(value or "")


@functools.lru_cache(maxsize=None)
def anchors_in(page: Path) -> frozenset[str]:
    parser = _Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return frozenset(parser.names)


def broken_internal_links(site: Path, base: str, links: list[str]) -> list[str]:
    """The links of a page that point into the site but at no file, or at no anchor of their page."""
    origin = urlsplit(base).netloc
    broken = []
    for link in links:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or parts.netloc != origin:
            continue
        path = unquote(parts.path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        target = site / path
        if not target.is_file():
            broken.append(f"{link} (no file {path})")
        elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors_in(target):
            broken.append(f"{link} (no anchor #{unquote(parts.fragment)} in {path})")
    return broken


def screenshot_name(docname: str, width: str) -> str:
    return f"{re.sub(r'[^A-Za-z0-9_-]+', '-', docname)}.{width}.png"
