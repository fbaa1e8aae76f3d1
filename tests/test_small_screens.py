"""Keyboard, screen readers and layout at phone and desktop widths, in Debian's Chromium: no page
wider than the screen, focus always on something visible (never in the closed navigation
drawer), the drawer and the navigation's sections opened and closed by named buttons, and the
matrix usable down to 320 px."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_accessibility import AXE, RUN_AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1366
PAGES = ["", "matrix/", "cases/bergen/"]

# Where focus is, and whether a sighted keyboard user can see it: a box of its own inside the
# screen's width, no hidden, inert or aria-hidden ancestor, visible by CSS, and a focus ring.
FOCUS = """() => {
    const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return {tag: e.tagName, cls: String(e.className), text: (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40),
            inArticle: !!e.closest('article'), inDrawer: !!e.closest('.md-sidebar--primary'),
            seen: e !== document.body && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                  && !e.closest('[inert], [hidden], [aria-hidden="true"]')
                  && e.checkVisibility({visibilityProperty: true, opacityProperty: true})
                  && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none')}
}"""


def url(site_url: str, lang: str, path: str) -> str:
    return site_url + ("en/" if lang == "en" else "") + path


def open_at(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    return context, context.new_page()


def tab(page) -> dict:
    """Tab once; the focused element, given a moment to finish a transition that shows it (the search
    field slides in as it gets focus)."""
    page.keyboard.press("Tab")
    element = page.evaluate(FOCUS)
    if element["seen"] or element["tag"] == "BODY":
        return element
    with contextlib.suppress(PlaywrightTimeout):  # still unseen: reported by the caller
        page.wait_for_function(f"({FOCUS})().seen", timeout=1_000)
    return page.evaluate(FOCUS)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_page_focus_always_seen_and_no_axe_violations(browser, site_url, lang, width, path):
    context, page = open_at(browser, width)
    try:
        page.goto(url(site_url, lang, path), wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # axe on the page as it opens. (Once focused, a link takes Material's accent colour, which with
        # the stock indigo is 4.3:1 on white; the site's palette decides that colour.)
        page.add_script_tag(path=str(AXE))
        assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
        # After the last link Tab leaves the page for the browser's own controls: the body then.
        unseen = [e for e in (tab(page) for _ in range(40)) if not e["seen"] and e["tag"] != "BODY"]
        assert unseen == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_matrix_is_a_list_at_320_px_without_sideways_scroll_and_a_table_on_desktop_and_paper(browser, site_url, lang):
    context, page = open_at(browser, 320)
    try:
        page.goto(url(site_url, lang, "matrix/"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert page.locator(".kb-matrix-list").is_visible()
        assert not page.locator("table.kb-table").is_visible()
        page.set_viewport_size({"width": DESKTOP, "height": 800})
        assert page.locator("table.kb-table").is_visible() and not page.locator(".kb-matrix-list").is_visible()
        page.emulate_media(media="print")
        assert page.locator("table.kb-table").is_visible() and not page.locator(".kb-matrix-list").is_visible()
        assert page.locator(".kb-print-only").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_content_comes_a_few_tabs_after_the_top(browser, site_url, lang, path):
    # Skip link, menu, language (button and two links), search field: then the content. Before the
    # drawer was inert it took 63 to 85 presses, through the hidden navigation.
    context, page = open_at(browser, PHONE)
    try:
        page.goto(url(site_url, lang, path))
        presses = next(n for n in range(1, 41) if (lambda e: e["inArticle"] and e["tag"] == "A")(tab(page)))
        assert presses <= 8
    finally:
        context.close()


@pytest.mark.parametrize("lang,name", [("nb", "Navigasjon"), ("en", "Navigation")])
def test_the_drawer_opens_to_tab_by_its_button_and_closes_again(browser, site_url, lang, name):
    context, page = open_at(browser, PHONE)
    try:
        page.goto(url(site_url, lang, "matrix/"))
        menu = page.get_by_role("button", name=name, exact=True)
        assert menu.get_attribute("aria-expanded") == "false"
        while not tab(page)["cls"].startswith("md-header__button md-icon kb-drawer-toggle"):
            pass
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        reached = [tab(page) for _ in range(10)]
        assert any(e["inDrawer"] and e["seen"] for e in reached), "the open drawer's links come next"
        assert all(e["seen"] for e in reached)
        page.keyboard.press("Escape")
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.classList.contains('kb-drawer-toggle')")
        assert not any(tab(page)["inDrawer"] for _ in range(10))
    finally:
        context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("lang,name", [("nb", "Undersider til Casene"), ("en", "Pages under Cases")])
def test_a_section_opens_and_closes_by_a_named_button_that_says_so(browser, site_url, width, lang, name):
    context, page = open_at(browser, width)
    try:
        page.goto(url(site_url, lang, ""))
        if width == PHONE:
            page.locator(".kb-drawer-toggle").click()
        toggle = page.get_by_role("button", name=name, exact=True)
        assert toggle.get_attribute("aria-expanded") == "false"
        section = page.locator("#" + toggle.get_attribute("aria-controls"))
        first_case = section.locator("a.md-nav__link").first
        assert not first_case.is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        first_case.wait_for(state="visible")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["text"] == first_case.inner_text().strip()
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "false"
        first_case.wait_for(state="hidden")
    finally:
        context.close()
