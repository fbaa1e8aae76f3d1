"""Every page of the built site, both languages: language, language switch and links.

Static checks on the HTML MkDocs wrote (fast, exact): every internal link, anchor and asset
resolves; every page says its language; the selector points at the same page in the other one.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.site


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.ids: set[str] = set()
        self.references: list[str] = []  # hrefs and srcs to check
        self.selector: dict[str, str] = {}  # hreflang -> href of the language selector

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("href"):
            self.references.append(a["href"])
            if "md-select__link" in (a.get("class") or ""):
                self.selector[a.get("hreflang", "")] = a["href"]
        elif tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "icon", "prev", "next"):
            self.references.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.references.append(a["src"])


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text("utf-8"))
    return parser


def target_file(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file an internal link points at, and its fragment; None for other sites and mailto."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, parts.fragment
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), unquote(parts.path)))
    target = site / path
    if target.is_dir() or href.split("#")[0].endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


@pytest.fixture(scope="module")
def pages(real_site):
    # 404.html is served at any address, so its relative links are written absolute by MkDocs.
    return {p: parse(p) for p in html_pages(real_site) if p.name != "404.html"}


def test_every_internal_link_anchor_and_asset_resolves(real_site, pages):
    broken = []
    parsed_targets: dict[Path, PageParser] = dict(pages)
    for page, parser in pages.items():
        for href in parser.references:
            found = target_file(real_site, page, href)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(real_site)}: {href} (no file)")
            elif fragment and target.suffix == ".html":
                if target not in parsed_targets:  # each page parsed once (setdefault would parse it every time)
                    parsed_targets[target] = parse(target)
                if unquote(fragment) not in parsed_targets[target].ids:
                    broken.append(f"{page.relative_to(real_site)}: {href} (no #{fragment})")
    assert broken == [], "\n".join(broken[:30])
    assert len(pages) > 100


def test_every_page_declares_its_language(real_site, pages):
    wrong = [
        str(p.relative_to(real_site)) for p, parser in pages.items()
        if parser.lang != ("en" if p.relative_to(real_site).parts[0] == "en" else "nb")
        and not p.match("k*/index.html")  # short links forward at once; their lang is tested elsewhere
    ]
    assert wrong == []


def test_language_selector_leads_to_the_same_page_on_every_page(real_site, pages):
    checked = 0
    for page, parser in pages.items():
        relative = page.relative_to(real_site)
        if relative.parts[-2:-1] and relative.parts[-2][:1] == "k" and relative.parts[-2][1:].isdigit():
            continue  # a short link's forwarding page, not a page of its own
        assert parser.selector, f"{relative} has no language selector"
        in_english = relative.parts[0] == "en"
        counterpart = real_site / (Path(*relative.parts[1:]) if in_english else Path("en") / relative)
        other = "nb" if in_english else "en"
        target, _ = target_file(real_site, page, parser.selector[other])
        assert target.resolve() == counterpart.resolve(), relative
        assert counterpart.is_file(), f"{relative} has no counterpart"
        checked += 1
    assert checked >= 90


def test_norwegian_quotes_on_english_pages_are_marked(real_site):
    html = (real_site / "en" / "cases" / "baerum" / "index.html").read_text("utf-8")
    assert html.count('<blockquote lang="nb">') >= 1
    assert '<p class="kb-translation">' in html
