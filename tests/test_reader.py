"""What readers and researchers get from the built site: matrix, directories, short links, open
data, meta tags, page weight. Both languages, on the real site built once."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import page_weight  # on the path through conftest
import pytest
from conftest import REPO

from kb.model import Case, Criterion, Finding, Perspective, Term
from kb.pipeline import load_content
from kb.plain_text import plain_text

CATALOG = load_content(REPO).catalog
LANGS = ["nb", "en"]


def root(site: Path, lang: str) -> Path:
    return site / "en" if lang == "en" else site


class Table(HTMLParser):
    """Rows of the first <table>: each cell as (tag, attributes, hrefs, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[dict]] = []
        self.caption = ""
        self.depth = 0
        self.cell: dict | None = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
        if self.depth != 1:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = {"tag": tag, "attrs": dict(attrs), "hrefs": [], "text": ""}
            self.rows[-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell["hrefs"].append(dict(attrs)["href"])
        elif tag == "caption":
            self.in_caption = True

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1
        elif tag in ("th", "td"):
            self.cell = None
        elif tag == "caption":
            self.in_caption = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        if self.in_caption:
            self.caption += data


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_matrix_has_a_cell_for_every_pair_linking_where_they_connect(real_site, lang):
    page = root(real_site, lang) / "matrix" / "index.html"
    table = Table()
    table.feed(page.read_text("utf-8"))
    assert table.caption.strip()
    cases = CATALOG.ordered_cases()
    header, *body = table.rows
    assert [c["attrs"].get("scope") for c in header] == ["col"] * (len(cases) + 1)
    assert len(body) == len(CATALOG.criteria)
    for criterion, row in zip(CATALOG.ordered_criteria(), body):
        assert row[0]["tag"] == "th" and row[0]["attrs"]["scope"] == "row"
        assert criterion.id in row[0]["hrefs"][0]
        illustrating = {c.id for c, _ in CATALOG.links_to("criterion", criterion.id).observations}
        for case, cell in zip(cases, row[1:]):
            if case.id in illustrating:
                (href,) = cell["hrefs"]
                target = (page.parent / href.split("#")[0] / "index.html").resolve()
                assert target == (root(real_site, lang) / "criteria" / criterion.id / "index.html").resolve()
                assert f'id="{href.split("#")[1]}"' in target.read_text("utf-8")
                count = sum(1 for c, _ in CATALOG.links_to("criterion", criterion.id).observations if c.id == case.id)
                assert cell["text"].strip() == str(count)
            else:
                assert cell["hrefs"] == []


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_short_links_forward_to_the_criterion_pages(real_site, lang):
    for criterion in CATALOG.ordered_criteria():
        page = root(real_site, lang) / f"k{criterion.number}" / "index.html"
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text("utf-8"))[1]
        assert (page.parent / target / "index.html").resolve() == (root(real_site, lang) / "criteria" / criterion.id / "index.html").resolve()


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_quote_directory_has_every_quote_and_informants_only_published_names(real_site, lang):
    quotes_html = (root(real_site, lang) / "quotes" / "index.html").read_text("utf-8")
    informants_html = (root(real_site, lang) / "informants" / "index.html").read_text("utf-8")
    for case in CATALOG.ordered_cases():
        for quote in case.quotes:
            assert f"../cases/{case.id}/#{quote.id}" in quotes_html
        for informant in case.informants:
            if informant.name:  # an informant who may not be named has no name in the record at all
                assert (informant.name in informants_html) == informant.publish_name


@pytest.mark.site
def test_glossary_lists_every_term_in_both_languages(real_site):
    for lang in LANGS:
        html = (root(real_site, lang) / "glossary" / "index.html").read_text("utf-8")
        for term in CATALOG.terms.values():
            assert f'id="{term.id}"' in html
            assert term.term.nb in html and term.term.en in html


def data(real_site: Path, lang: str, name: str) -> str:
    return (root(real_site, lang) / "data" / name).read_text("utf-8")


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_json_exports_round_trip_to_the_records(real_site, lang):
    def records(name: str) -> list[dict]:
        return json.loads(data(real_site, lang, name))["records"]

    # Compared as published: editors' working notes (`editor_note`) are in no dump or export.
    def same(model, name, expected) -> None:
        assert [model.model_validate(r).model_dump() for r in records(name)] == [e.model_dump() for e in expected]

    same(Criterion, "criteria.json", CATALOG.ordered_criteria())
    same(Perspective, "perspectives.json", CATALOG.ordered_perspectives())
    same(Finding, "findings.json", CATALOG.ordered_findings())
    same(Term, "glossary.json", CATALOG.ordered_terms("nb"))
    # Cases travel without their informants, which have a file of their own.
    same(Case, "cases.json", [c.model_copy(update={"informants": []}) for c in CATALOG.ordered_cases()])
    informants = records("informants.json")
    expected = [(c.id, i.name if i.publish_name else None, i.role.nb) for c in CATALOG.ordered_cases() for i in c.informants]
    assert [(i["case"], i["name"], i["role"]["nb"]) for i in informants] == expected


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_csv_exports_parse_and_match_the_records(real_site, lang):
    # Read as spreadsheets do since issue 15: UTF-8 with a byte order mark, texts as plain text.
    def rows(name: str) -> list[dict]:
        return list(csv.DictReader(io.StringIO((root(real_site, lang) / "data" / name).read_bytes().decode("utf-8-sig"))))

    cases = CATALOG.ordered_cases()
    assert [(r["id"], r["title_nb"], r["title_en"]) for r in rows("criteria.csv")] == [
        (c.id, c.title.nb, c.title.en) for c in CATALOG.ordered_criteria()
    ]
    assert [(r["case"], r["id"], r["text_nb"], r["criteria"]) for r in rows("observations.csv")] == [
        (c.id, o.id, plain_text(o.text.nb), "; ".join(o.criteria)) for c in cases for o in c.observations
    ]
    assert [(r["case"], r["id"], r["text_nb"]) for r in rows("quotes.csv")] == [(c.id, q.id, plain_text(q.text.nb)) for c in cases for q in c.quotes]
    assert [r["value"] for r in rows("key-figures.csv")] == [k.value for c in cases for k in c.key_figures]
    assert [r["name"] for r in rows("informants.csv")] == [i.name if i.publish_name else "" for c in cases for i in c.informants]
    assert len(rows("findings.csv")) == len(CATALOG.findings) and len(rows("glossary.csv")) == len(CATALOG.terms)


@pytest.mark.site
def test_exports_publish_the_json_schemas(real_site):
    for name in ("criterion", "perspective", "case", "finding", "term"):
        schema = json.loads(data(real_site, "nb", f"schemas/{name}.schema.json"))
        assert schema["$id"] == f"{name}.schema.json"


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_a_description_open_graph_tags_and_a_citation(real_site, lang):
    pages = [p for p in root(real_site, lang).rglob("index.html") if "/en/" not in str(p.relative_to(real_site)) or lang == "en"]
    pages = [p for p in pages if not re.fullmatch(r"k\d", p.parent.name) and (lang == "en" or p.parts[len(real_site.parts)] != "en")]
    assert len(pages) > 40
    for page in pages:
        html = page.read_text("utf-8")
        description = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert description and len(description[1]) > 30, page
        assert '<meta property="og:title"' in html and '<meta property="og:description"' in html, page
        assert 'class="kb-cite"' in html, page


@pytest.mark.site
def test_404_page_speaks_both_languages(real_site):
    html = (real_site / "404.html").read_text("utf-8")
    assert "Siden finnes ikke" in html and 'lang="en">· Page not found' in html


@pytest.mark.browser
def test_home_page_stays_within_budget_and_loads_no_search_index(real_site, browser):
    """Bytes transferred (gzip for text, as GitHub Pages sends it), not time: the same on every
    machine. The numbers are printed by scripts/page_weight.py. The search index belongs to the
    first query, not to every page a reader opens (issue 16)."""
    results = page_weight.measure(real_site, browser)
    for lang, result in results.items():
        assert result["other_hosts"] == [], f"{lang}: requests to other hosts {result['other_hosts']}"
        assert result["bytes"] <= page_weight.HOME_PAGE_BUDGET, (lang, result)
        assert result["search_index_requests"] == [], f"{lang}: the home page loads the search index before any search"


@pytest.mark.unit
@pytest.mark.parametrize("path,text", [
    ("/kb/", True), ("/kb/en/index.html", True), ("/kb/assets/main.css", True), ("/kb/assets/bundle.js", True),
    ("/kb/search/search_index.json", True), ("/kb/pagefind/pagefind.js", True), ("/kb/assets/favicon.png", False),
    ("/kb/assets/fonts/roboto.woff2", False),
])
def test_page_weight_counts_text_as_github_pages_sends_it(path, text):
    body = b"<p>lederutfordringer</p>" * 400
    size = page_weight.transferred(path, body)
    assert (size < len(body)) is text and size == page_weight.transferred(path, body)  # gzip without a time stamp


@pytest.mark.unit
def test_page_weight_counts_gzipped_index_files_as_they_are():
    import gzip

    fragment = gzip.compress(b"{}" * 1000)
    assert page_weight.transferred("/kb/pagefind/fragment/nb_1.pf_fragment", fragment) == len(fragment)
    assert page_weight.is_search_index("/kb/pagefind/index/nb_1.pf_index", 10)
    assert not page_weight.is_search_index("/kb/search/search_index.json", 200)  # a stub another engine left
    assert page_weight.is_search_index("/kb/en/search/search_index.json", 500_000)


@pytest.mark.unit
def test_page_weight_reads_the_file_the_server_sends(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en/index.html").write_text("<p>home</p>", "utf-8")
    (tmp_path / "kb.css").write_text("p {}", "utf-8")
    assert page_weight.served_file(tmp_path, "/kb/", "/kb/en/") == tmp_path / "en/index.html"
    assert page_weight.served_file(tmp_path, "/kb/", "/kb/kb.css") == tmp_path / "kb.css"
    assert page_weight.served_file(tmp_path, "/kb/", "/kb.css") is None  # outside the published path
    assert page_weight.served_file(tmp_path, "/kb/", "/kb/missing.js") is None
