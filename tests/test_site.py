"""The real site, built once: every record has its page in both languages, cross-linked both ways."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO

from kb.kinds import record_kinds
from kb.pipeline import load_content

CONTENT = load_content(REPO)
CATALOG = CONTENT.catalog
# The kinds with a page per record, and the folder of those pages.
FOLDERS = {kind.name: kind.page_folder for kind in record_kinds() if not kind.single_page}
RECORDS = [(kind, record_id) for kind in FOLDERS for record_id in sorted(CATALOG.by_kind(kind))]


class Links(HTMLParser):
    """Hrefs of the main content (article), and the <html lang>."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.hrefs: list[str] = []
        self.in_article = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "article":
            self.in_article += 1
        if tag == "a" and self.in_article and attributes.get("href"):
            self.hrefs.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def page_file(site: Path, lang: str, kind: str, record_id: str) -> Path:
    return site / ("en" if lang == "en" else "") / FOLDERS[kind] / record_id / "index.html"


def targets(links: Links, page_dir: str) -> set[str]:
    """Hrefs resolved to site paths (without anchors), e.g. 'criteria/involvering/'."""
    return {posixpath.normpath(posixpath.join(page_dir, href.split("#")[0])) + "/" for href in links.hrefs if not href.startswith(("http", "#"))}


@pytest.mark.content
def test_real_content_is_valid_without_warnings():
    assert CONTENT.issues == []
    assert len(CATALOG.criteria) == 9 and len(CATALOG.perspectives) == 3 and len(CATALOG.cases) >= 2


@pytest.mark.site
def test_home_pages_exist_with_the_right_language(real_site):
    assert parse(real_site / "index.html").lang == "nb"
    assert parse(real_site / "en" / "index.html").lang == "en"


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("kind,record_id", RECORDS)
def test_every_record_has_a_page_in_each_language(real_site, lang, kind, record_id):
    page = page_file(real_site, lang, kind, record_id)
    assert page.is_file()
    assert parse(page).lang == lang


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("case_id", sorted(CATALOG.cases))
def test_case_page_links_its_criteria_and_perspectives_and_criteria_link_back(real_site, lang, case_id):
    case = CATALOG.cases[case_id]
    prefix = "en/" if lang == "en" else ""
    links = targets(parse(page_file(real_site, lang, "case", case_id)), f"{prefix}cases/{case_id}")
    declared_criteria = {c for o in case.observations for c in o.criteria} | {c for q in case.quotes for c in q.criteria}
    declared_perspectives = {o.perspective for o in case.observations}
    assert {f"{prefix}criteria/{c}/" for c in declared_criteria} <= links
    assert {f"{prefix}perspectives/{p}/" for p in declared_perspectives} <= links
    for criterion_id in declared_criteria:
        back = targets(parse(page_file(real_site, lang, "criterion", criterion_id)), f"{prefix}criteria/{criterion_id}")
        assert f"{prefix}cases/{case_id}/" in back, f"criterion {criterion_id} does not link back to {case_id}"


@pytest.mark.site
def test_observation_links_on_a_criterion_page_point_at_anchors_that_exist(real_site):
    for criterion_id in CATALOG.criteria:
        html = page_file(real_site, "nb", "criterion", criterion_id).read_text("utf-8")
        for case_id, anchor in re.findall(r'href="\.\./\.\./cases/([a-z0-9-]+)/#([a-z0-9-]+)"', html):
            case_html = page_file(real_site, "nb", "case", case_id).read_text("utf-8")
            assert f'id="{anchor}"' in case_html


@pytest.mark.site
@pytest.mark.parametrize("lang,other", [("nb", "en"), ("en", "nb")])
def test_language_selector_leads_to_the_same_page(real_site, lang, other):
    page = page_file(real_site, lang, "case", sorted(CATALOG.cases)[0])
    html = page.read_text("utf-8")
    href = re.search(rf'<a href="([^"]+)" hreflang="{other}"[^>]*class="md-select__link"', html)[1]
    assert (page.parent / href / "index.html").resolve() == page_file(real_site, other, "case", sorted(CATALOG.cases)[0]).resolve()


@pytest.mark.site
@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml"])
def test_mkdocs_build_strict_passes_when_run_directly(tmp_path, config):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(REPO / config), "-d", str(tmp_path / "out")],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


@pytest.mark.site
def test_sitemap_lists_every_page_with_its_hreflang_alternates(real_site):
    sitemap = (real_site / "en" / "sitemap.xml").read_text("utf-8")
    block = re.search(r"<url>\s*<loc>[^<]*/en/cases/bergen/</loc>(.*?)</url>", sitemap, re.S)[1]
    hreflangs = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
    assert hreflangs["nb"].endswith("/cases/bergen/") and "/en/" not in hreflangs["nb"]
    assert hreflangs["en"].endswith("/en/cases/bergen/")
    assert hreflangs["x-default"] == hreflangs["nb"]
    assert "<lastmod>" not in sitemap
