"""The built site as a reader meets it: headless Chromium, no network, desktop and phone.

For every page of ``_toc.yml``, at 1280 px and at 375 px: the page loads with no
console error and no failed request, and every request to another host is
blocked (and fails the test); every formula is typeset by the site's own
MathJax; every image has loaded; no internal link leads to a missing page or
anchor; the page itself never scrolls sideways. The site's search finds each
chapter, and each copy button copies its code. Full-page screenshots of every page at both widths are written to
``$SITE_SCREENSHOTS`` (default ``_build/site-screenshots/``) for a person to
look at.

Needs Debian's Chromium (``.ci/install-browser``) and Playwright for Python;
without them the tests fail rather than skip.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.course_folder import REPO
from tests.site_browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    TIMEOUT_MS,
    WIDTHS,
    broken_internal_links,
    copy_each_code_block,
    screenshot_name,
    search,
    serve,
    visit,
)
from tests.site_build import chapter_pages, shared_site, toc_pages

SCREENSHOTS = Path(os.environ.get("SITE_SCREENSHOTS", REPO / "_build" / "site-screenshots"))
PAGES = toc_pages()
PAGE_AT_WIDTH = [pytest.param(page, width, id=f"{page}@{width}") for page in PAGES for width in WIDTHS]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run .ci/install-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is not installed: pip install -r requirements.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def contexts(browser):
    """One browser context per width, so that each width keeps its own viewport."""
    made = {width: browser.new_context(**options) for width, options in WIDTHS.items()}
    for context in made.values():
        context.set_default_timeout(TIMEOUT_MS)
    yield made
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def visits(contexts, base_url):
    """``visits(page, width)``: the page as the browser saw it, loaded once per session."""
    seen = {}

    def visit_once(page: str, width: str):
        if (page, width) not in seen:
            screenshot = SCREENSHOTS / screenshot_name(page, width)
            seen[page, width] = visit(contexts[width], f"{base_url}{page}.html", screenshot)
        return seen[page, width]

    return visit_once


@pytest.mark.parametrize("page, width", PAGE_AT_WIDTH)
def test_page_loads_without_errors_or_outside_requests(visits, page, width):
    seen = visits(page, width)
    assert not seen.blocked_requests, f"{page} asks for outside servers: {seen.blocked_requests}"
    assert not seen.failed_requests, f"{page}: failed requests {seen.failed_requests}"
    assert not seen.console_errors, f"{page}: console errors {seen.console_errors}"


@pytest.mark.parametrize("page, width", PAGE_AT_WIDTH)
def test_every_formula_is_typeset_by_the_local_mathjax(visits, base_url, page, width):
    state = visits(page, width).state
    assert not state["rawTex"], f"{page}: TeX source shown as text: {state['rawTex'][:5]}"
    if not state["formulas"]:
        return
    assert state["mathjaxVersion"], f"{page} has {state['formulas']} formulas but MathJax never started"
    assert state["mathjaxScripts"] and all(src.startswith(base_url) for src in state["mathjaxScripts"]), state[
        "mathjaxScripts"
    ]
    assert not state["untypeset"], f"{page}: formulas left as TeX source: {state['untypeset'][:5]}"
    assert not state["mathErrors"], f"{page}: MathJax could not typeset {state['mathErrors'][:5]}"


@pytest.mark.parametrize("page, width", PAGE_AT_WIDTH)
def test_every_image_has_loaded(visits, page, width):
    images = visits(page, width).state["images"]
    assert [image["src"] for image in images if image["width"] == 0] == [], f"{page}: images that did not load"


@pytest.mark.parametrize("page, width", PAGE_AT_WIDTH)
def test_page_itself_never_scrolls_sideways(visits, page, width):
    # Compared with the width asked for: a phone browser zooms out to fit a page that
    # is too wide, so the window's own width grows with the page.
    window = WIDTHS[width]["viewport"]["width"]
    page_width = visits(page, width).state["pageWidth"]
    assert page_width <= window, (
        f"{page} is {page_width} px wide in a {window} px window: something wide is not "
        "in a box that scrolls by itself (see book/_static/course.css)"
    )


@pytest.mark.parametrize("page, width", PAGE_AT_WIDTH)
def test_a_screenshot_is_written_for_a_person_to_look_at(visits, page, width):
    visits(page, width)
    screenshot = SCREENSHOTS / screenshot_name(page, width)
    assert screenshot.is_file() and screenshot.stat().st_size > 1000, f"no screenshot at {screenshot}"


@pytest.mark.parametrize("page", PAGES)
def test_no_internal_link_is_broken(visits, site, base_url, page):
    links = visits(page, "desktop").state["links"]
    assert links, f"{page} has no links at all"
    assert broken_internal_links(site, base_url, links) == []


def test_the_site_address_opens_the_landing_page(contexts, base_url):
    tab = contexts["desktop"].new_page()
    try:
        tab.goto(base_url, wait_until="load")
        tab.wait_for_url(f"{base_url}{PAGES[0]}.html")
    finally:
        tab.close()


def test_copy_buttons_copy_the_code_they_sit_on(browser, base_url):
    context = browser.new_context(**WIDTHS["desktop"], permissions=["clipboard-read", "clipboard-write"])
    try:
        copies = [pair for page in PAGES for pair in copy_each_code_block(context, f"{base_url}{page}.html")]
    finally:
        context.close()
    assert copies, "no page of the book has a code block with a copy button"
    for shown, copied in copies:
        assert copied.strip() == shown.strip(), f"the copy button copied {copied[:200]!r} for {shown[:200]!r}"


@pytest.mark.parametrize("chapter", chapter_pages())
def test_search_finds_each_chapter_by_a_word_of_its_title(contexts, site, base_url, chapter):
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", (site / f"{chapter}.html").read_text(), re.S)
    assert heading, f"{chapter} has no title"
    words = re.findall(r"[A-Za-z][A-Za-z-]+", re.sub(r"<[^>]+>", "", heading.group(1)))
    word = max(words, key=len)
    found = search(contexts["desktop"], base_url, word)
    assert f"{base_url}{chapter}.html" in [link.split("?")[0].split("#")[0] for link in found], (
        f"searching for {word!r} does not list {chapter}: {found}"
    )
