"""Accessibility in a real browser (Debian's Chromium): axe-core on every page type in both
languages, keyboard use of the skip link, language selector and search, visible focus, and no
requests to other hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import REPO, wait_for_search

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of every kind the site has (the first record of each kind stands for all of them).
PAGE_TYPES = [
    "", "criteria/", "criteria/toppledelse-eierskap/", "cases/", "cases/bergen/", "cases/nav/",
    "perspectives/", "perspectives/hr/", "findings/", "findings/mellomlederens-rolle/",
    "matrix/", "matrix-print/", "quotes/", "informants/", "glossary/",
    "about/", "cite/", "sources/", "data/", "accessibility/", "404.html",
]
RUN_AXE = "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations" \
          ".map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')})`)"


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_axe_violations_and_no_other_hosts(page, site_url, lang, path):
    assert AXE.is_file(), "axe-core is missing: `make test` installs it with npm"
    origin = urlsplit(site_url).netloc
    other_hosts: list[str] = []
    page.on("request", lambda request: other_hosts.append(request.url) if urlsplit(request.url).netloc not in (origin, "") else None)
    response = page.goto(site_url + ("en/" if lang == "en" else "") + path, wait_until="networkidle")
    assert response.ok or path == "404.html"
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
    assert other_hosts == []


def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement, s = getComputedStyle(e);
        return {tag: e.tagName, cls: e.className, href: e.getAttribute('href'), hreflang: e.getAttribute('hreflang'),
                inArticle: !!e.closest('article'), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none'}
    }""")


def tab_until(page, predicate, limit: int = 40) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("not reachable by Tab")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_skip_link_is_first_and_moves_to_the_content(page, site_url, lang):
    page.goto(site_url + ("en/" if lang == "en" else "") + "cases/bergen/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert "md-skip" in first["cls"] and first["outline"]
    assert page.locator("a.md-skip").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["inArticle"], "after the skip link, Tab should continue in the main content"


@pytest.mark.parametrize("lang,other", [("nb", "en"), ("en", "nb")])
def test_language_selector_works_by_keyboard(page, site_url, lang, other):
    prefix = "en/" if lang == "en" else ""
    page.goto(site_url + prefix + "criteria/involvering/")
    link = tab_until(page, lambda e: e["hreflang"] == other and "md-select__link" in e["cls"])
    assert link["outline"], "focus must be visible on the language link"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expected = site_url + ("en/" if other == "en" else "") + "criteria/involvering/"
    assert page.url == expected
    assert page.evaluate("document.documentElement.lang") == other


@pytest.mark.parametrize("lang,query", [("nb", "gevinstene"), ("en", "benefits")])
def test_search_is_usable_by_keyboard(page, site_url, lang, query):
    page.goto(site_url + ("en/" if lang == "en" else ""))
    wait_for_search(page, lang)
    field = tab_until(page, lambda e: "md-search__input" in e["cls"])
    assert field["outline"], "focus must be visible in the search field"
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    # The list is drawn again as each letter arrives; a key pressed on a list about to be replaced
    # loses its focus with it. Wait until the list for the whole query stands still.
    page.wait_for_function("""() => {
        const list = document.querySelector('.md-search-result__list');
        const now = list ? list.innerHTML : '';
        const same = now !== '' && now === window.__kbLastResults;
        window.__kbLastResults = now;
        return same;
    }""", polling=300, timeout=30_000)
    page.keyboard.press("ArrowDown")
    assert focused(page)["tag"] == "A", "arrow down moves to the first result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(site_url) and page.url.rstrip("/") != (site_url + ("en" if lang == "en" else "")).rstrip("/")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_focus_is_visible_on_everything_tab_reaches(page, site_url, lang):
    page.goto(site_url + ("en/" if lang == "en" else "") + "cases/bergen/")
    invisible = []
    for _ in range(25):
        page.keyboard.press("Tab")
        element = focused(page)
        if not (element["outline"] or element["shadow"]):
            invisible.append(element)
    assert invisible == []
