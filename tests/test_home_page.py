"""The home page leads with the report's three key messages, each with its pages, then "start here"
paths by role (leader, HR, benefits) to the three perspectives and their closest criteria; a reader
reaches a perspective in one click. The palette is the one kb.css defines, and nothing is fetched
from another host."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO
from test_palette import KB_CSS, palette, rgb

from kb.labels import LANGS

HEADINGS = {"nb": ("Tre hovedbudskap", "Start her"), "en": ("Three key messages", "Start here")}
PAGE_REF = {"nb": r"\(s\. \d+(–\d+)?\)", "en": r"\((p\. \d+|pp\. \d+–\d+)\)"}
ROLE_PERSPECTIVES = ["ledelse", "hr", "gevinst"]  # leader, HR, benefits: the report's order


def section(text: str, heading: str, level: str) -> str:
    """The part of a page (Markdown or HTML) from a heading to the next heading of its level."""
    if level == "md":
        match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    else:
        match = re.search(rf"<h2[^>]*>{re.escape(heading)}<.*?</h2>(.*?)(?=<h2|\Z)", text, re.S)
    assert match, f"no section {heading!r}"
    return match[1]


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_home_page_opens_with_three_messages_and_three_role_paths(lang):
    text = (REPO / "content" / lang / "index.md").read_text("utf-8")
    messages_heading, paths_heading = HEADINGS[lang]
    # The messages come first, right after the introduction; the role paths follow them.
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:2] == [messages_heading, paths_heading]
    messages = re.findall(r"^\d\. \*\*(.+)$", section(text, messages_heading, "md"), re.M)
    assert len(messages) == 3
    for message in messages:
        assert re.search(PAGE_REF[lang], message), f"no page reference: {message[:60]}"
    paths = re.findall(r"^- \*\*(.+)$", section(text, paths_heading, "md"), re.M)
    assert [re.findall(r"\(perspective:([\w-]+)\)", path) for path in paths] == [[p] for p in ROLE_PERSPECTIVES]
    for path in paths:
        assert 2 <= len(re.findall(r"\(criterion:[\w-]+\)", path)) <= 3
    # The links the page had before stay.
    for page in ("summary.md", "background.md", "interview-guide.md", "about.md"):
        assert f"]({page})" in text


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_built_home_page_links_each_role_to_its_perspective(real_site: Path, lang):
    html = (real_site / ("" if lang == LANGS[0] else lang) / "index.html").read_text("utf-8")
    messages_heading, paths_heading = HEADINGS[lang]
    items = re.findall(r"<li>(.*?)</li>", section(html, messages_heading, "html"), re.S)
    assert len(items) == 3 and all(re.search(PAGE_REF[lang], item) for item in items)
    paths = re.findall(r"<li>(.*?)</li>", section(html, paths_heading, "html"), re.S)
    assert [re.findall(r'href="perspectives/([\w-]+)/"', path) for path in paths] == [[p] for p in ROLE_PERSPECTIVES]
    for path in paths:
        for criterion in re.findall(r'href="criteria/([\w-]+)/"', path):
            assert (real_site / ("" if lang == LANGS[0] else lang) / "criteria" / criterion / "index.html").is_file()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_reaches_a_perspective_in_one_click_in_the_sites_palette(page, site_url, lang):
    origin = urlsplit(site_url).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    home = site_url + ("" if lang == LANGS[0] else f"{lang}/")
    page.goto(home, wait_until="networkidle")
    assert requests and all(urlsplit(url).netloc in (origin, "") for url in requests), requests
    # The header and the headings wear the palette of kb.css; the text is in a system font.
    colours = palette(KB_CSS.read_text("utf-8"))
    shown = page.evaluate("""() => ({
        header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
        h1: getComputedStyle(document.querySelector('.md-typeset h1')).color,
        fonts: [...document.fonts].length,
    })""")
    assert shown["header"] == "rgb({}, {}, {})".format(*rgb(colours["--md-primary-fg-color"]))
    assert shown["h1"] == "rgb({}, {}, {})".format(*rgb(colours["--md-primary-fg-color--dark"]))
    assert shown["fonts"] == 0, "no web font is loaded"
    # One click from the home page's "start here" (the first such link; the overview below has one too).
    with page.expect_navigation():
        page.locator("article").get_by_role("link", name=re.compile("^(Ledelsesperspektivet|The leadership perspective)$")).first.click()
    assert page.url == home + "perspectives/ledelse/"
    assert page.locator("h1").inner_text().rstrip("¶").strip() in ("Ledelsesperspektivet", "The leadership perspective")
