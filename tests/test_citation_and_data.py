"""Citation and open data readers can use (issue 15, item 8): the citation box with its dates,
BibTeX and RIS, the reference managers' meta tags, CSV that spreadsheets open as UTF-8 with
K-codes, page addresses and plain text, datapackage.json, and the zip of everything."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from conftest import REPO

from kb.datapackage import ARCHIVE, DATAPACKAGE, datapackage, zipped
from kb.export import export_archive, export_files, to_csv
from kb.pipeline import load_content
from kb.plain_text import plain_text
from kb.render.cite import cite_block, formatted_date, page_ris
from kb.render.common import PageContext, criterion_code
from kb.render.meta import citation_meta

CATALOG = load_content(REPO).catalog
DAY = datetime.date(2026, 3, 5)


def box(lang: str = "nb", updated: datetime.date | None = DAY, title: str = "Bergen kommune") -> str:
    return cite_block(f"# {title}\n\nTekst.\n", PageContext(lang, "cases/bergen.md", CATALOG, "https://example.org/kb/", updated))


def code_formats(block: str) -> list[str]:
    """Each code format of a citation box as the reader sees it without scripts."""
    return [html.unescape(re.sub(r"<span[^>]*></span>", "", code)) for code in re.findall(r"<pre class=\"kb-cite__format\"><code>(.*?)</code></pre>", block, re.S)]


# --- The citation box

@pytest.mark.unit
@pytest.mark.parametrize(("lang", "updated", "accessed"), [("nb", "Sist oppdatert 05.03.2026.", "besøkt"), ("en", "Last updated 5 March 2026.", "accessed")])
def test_the_citation_gives_the_last_updated_date_and_no_placeholder(lang, updated, accessed):
    block = box(lang)
    assert "[dato]" not in block and "[date]" not in block and "Besøkt" not in block
    assert updated in block
    # Where the reader's access date goes: empty without scripts, so the text reads correctly.
    assert block.count('<span class="kb-cite__accessed kb-cite__accessed--text"></span>') == 1
    assert "Sist oppdatert" not in box(updated=None) and "date         =" not in box(updated=None)


@pytest.mark.unit
def test_the_dates_follow_the_language():
    assert formatted_date(datetime.date(2016, 6, 1), "nb") == "01.06.2016"
    assert formatted_date(datetime.date(2016, 6, 1), "en") == "1 June 2016"


@pytest.mark.unit
def test_bibtex_and_ris_for_the_page_and_the_report():
    page_bibtex, page_ris, report_bibtex, report_ris = code_formats(box())
    assert page_bibtex.startswith("@online{kb-cases-bergen,\n  title        = {Bergen kommune},\n  date         = {2026-03-05},\n  year         = {2026},\n")
    assert "  url          = {https://example.org/kb/cases/bergen/},\n" in page_bibtex and page_bibtex.endswith("}\n")
    assert page_ris.splitlines() == [
        "TY  - ELEC", "TI  - Bergen kommune", "T2  - Lederutfordringer i digitale omstillingsprosesser – kunnskapsbase",
        "PY  - 2026", "DA  - 2026/03/05", "UR  - https://example.org/kb/cases/bergen/",
        "N1  - Basert på PwC for KS (2018), KS FoU-prosjekt nr. 174031", "LA  - nb", "ER  - ",
    ]
    # The report as the cite page gives it: PwC the author (the cover names no person), 2018.
    assert "  author      = {{PricewaterhouseCoopers AS (PwC)}},\n" in report_bibtex and "  year        = {2018},\n" in report_bibtex
    assert report_bibtex.startswith("@techreport{pwc2018lederutfordringer,") and "  month       = mar,\n" in report_bibtex
    assert report_ris.splitlines()[:4] == ["TY  - RPRT", "AU  - PwC", "TI  - Lederutfordringer i digitale omstillingsprosesser", "PY  - 2018"]
    assert r"type        = {R\&D report (FoU-rapport)}" in code_formats(box("en"))[2]


@pytest.mark.unit
def test_a_title_cannot_break_a_ris_record():
    ris = page_ris("A\nER  - x", "https://example.org/", PageContext("nb", "cases/bergen.md", CATALOG, None))
    assert [line for line in ris if isinstance(line, str) and line.startswith("ER")] == ["ER  - "] and ris[1] == "TI  - A ER - x"


@pytest.mark.unit
def test_citation_meta_tags_describe_the_report_escaped():
    tags = dict(citation_meta())
    assert tags["citation_title"] == "Lederutfordringer i digitale omstillingsprosesser"
    assert tags["citation_author"] == "PwC" and tags["citation_publication_date"] == "2018/03"
    assert "citation_pdf_url" not in tags  # the report gives no web address: none is invented
    assert all(value == html.escape(html.unescape(value), quote=True) for value in tags.values())


# --- CSV, datapackage.json and the zip, from the real records

@pytest.mark.unit
def test_plain_text_resolves_links_and_drops_markdown():
    assert plain_text("Se [Bergen](case:bergen) og **fet** \\*stjerne\\*.\n\n- en\n- to") == "Se Bergen og fet *stjerne*.\n\n- en\n- to"
    assert plain_text("1990-tallet, 3 < 4") == "1990-tallet, 3 < 4"


@pytest.mark.unit
def test_csv_has_a_byte_order_mark_and_reads_back_as_utf8():
    text = to_csv([{"id": "a", "text_nb": "både og"}])
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfid,text_nb\n")
    assert list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig")))) == [{"id": "a", "text_nb": "både og"}]


def rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[name].encode("utf-8").decode("utf-8-sig"))))


@pytest.mark.content
def test_csv_cells_are_the_records_plain_text_with_k_codes_and_page_addresses():
    files = export_files(CATALOG, "https://example.org/kb/")
    criteria = rows(files, "criteria.csv")
    assert [(r["code"], r["id"]) for r in criteria] == [(criterion_code(c.number), c.id) for c in CATALOG.ordered_criteria()]
    assert criteria[0]["page_url_en"] == f"https://example.org/kb/en/criteria/{criteria[0]['id']}/"
    observations = rows(files, "observations.csv")
    expected = [(o.id, plain_text(o.text.nb), "; ".join(o.criteria), "; ".join(criterion_code(CATALOG.criteria[k].number) for k in o.criteria))
                for c in CATALOG.ordered_cases() for o in c.observations]
    assert [(r["id"], r["text_nb"], r["criteria"], r["criteria_codes"]) for r in observations] == expected
    assert not any("(case:" in r["text_nb"] or "](" in r["text_nb"] for r in observations)
    assert observations[0]["page_url_nb"] == f"https://example.org/kb/cases/{observations[0]['case']}/#{observations[0]['id']}"
    # Without the site's address the pages are relative to the site's root.
    assert rows(export_files(CATALOG), "cases.csv")[0]["page_url_en"].startswith("en/cases/")
    # JSON keeps the Markdown: programs read it.
    first = json.loads(files["cases.json"])["records"][0]["observations"][0]["text"]["nb"]
    assert first == CATALOG.ordered_cases()[0].observations[0].text.nb


# Data Package v1 (specs.frictionlessdata.io/data-package, /data-resource, /table-schema).
TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"}


@pytest.mark.content
def test_datapackage_json_describes_every_data_file_with_its_columns():
    files = export_files(CATALOG, None, DAY)
    package = json.loads(files[DATAPACKAGE])
    assert isinstance(package["resources"], list) and package["resources"]
    assert re.fullmatch(r"[a-z0-9._-]+", package["name"]) and package["created"] == "2026-03-05T00:00:00Z"
    names = [r["name"] for r in package["resources"]]
    assert len(set(names)) == len(names) and all(re.fullmatch(r"[a-z0-9._/-]+", n) for n in names)
    assert [r["path"] for r in package["resources"]] == [name for name in files if name != DATAPACKAGE]
    for resource in package["resources"]:
        text = files[resource["path"]]
        assert resource["format"] in ("csv", "json") and resource["mediatype"] in ("text/csv", "application/json")
        assert resource["bytes"] == len(text.encode("utf-8"))
        if resource["format"] == "csv":
            assert resource["encoding"] == "utf-8-sig" and resource["profile"] == "tabular-data-resource"
            header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
            assert [f["name"] for f in resource["schema"]["fields"]] == header
            assert all(f["type"] in TABLE_SCHEMA_TYPES for f in resource["schema"]["fields"])
        else:
            assert resource["encoding"] == "utf-8"
            json.loads(text)
    fields = {f["name"]: f["type"] for r in package["resources"] if r["path"] == "criteria.csv" for f in r["schema"]["fields"]}
    assert fields["number"] == "integer" and fields["code"] == "string"


@pytest.mark.content
def test_the_zip_holds_every_data_file_and_is_the_same_every_time():
    files = export_files(CATALOG, None, DAY)
    archive = export_archive(CATALOG, None, DAY)
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.namelist() == [f"lederutfordringer-data/{name}" for name in sorted(files)]
        assert all(opened.read(f"lederutfordringer-data/{name}") == text.encode("utf-8") for name, text in files.items())
        assert {info.date_time for info in opened.infolist()} == {(2026, 3, 5, 0, 0, 0)}
    # A fresh reading of the records gives the same bytes.
    assert export_archive(load_content(REPO).catalog, None, DAY) == archive
    assert zipped({"b": "2", "a": "1"}, None) == zipped({"a": "1", "b": "2"}, None)
    assert json.loads(datapackage({}, None))["resources"] == []


# --- The built site

class Head(HTMLParser):
    """The <meta name=…> tags of a page, as a browser (or Zotero) reads them: entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name", "").startswith("citation_"):
            self.meta[attributes["name"]] = attributes.get("content") or ""


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_page_has_citation_tags_and_a_dated_citation(real_site, lang):
    folder = real_site / "en" if lang == "en" else real_site
    pages = [p for p in folder.rglob("index.html") if lang == "en" or "en" not in p.relative_to(real_site).parts[:1]]
    pages = [p for p in pages if not re.fullmatch(r"k\d", p.parent.name)]
    assert len(pages) > 40
    for page in pages:
        text = page.read_text("utf-8")
        head = Head()
        head.feed(text)
        assert head.meta == {name: html.unescape(value) for name, value in citation_meta()}, page
        if 'class="kb-cite"' in text:
            assert "[dato]" not in text and "[date]" not in text, page
            assert ("Sist oppdatert " if lang == "nb" else "Last updated ") in text, page


@pytest.mark.site
def test_the_data_page_offers_everything_in_one_zip(real_site):
    data = real_site / "data"
    published = sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_file() and p.name not in ("index.html", ARCHIVE))
    with zipfile.ZipFile(data / ARCHIVE) as opened:
        assert opened.namelist() == [f"lederutfordringer-data/{name}" for name in published]
        assert all(opened.read(f"lederutfordringer-data/{name}") == (data / name).read_bytes() for name in published)
    assert (real_site / "en" / "data" / ARCHIVE).read_bytes() == (data / ARCHIVE).read_bytes()
    for lang, words in (("nb", "Last ned alt"), ("en", "Download all")):
        page = ((real_site / "en" if lang == "en" else real_site) / "data" / "index.html").read_text("utf-8")
        assert re.search(rf'<a class="md-button md-button--primary" href="{re.escape(ARCHIVE)}">{words} \({re.escape(ARCHIVE)}, \d+ kB\)</a>', page)
        assert f'href="{DATAPACKAGE}"' in page


@pytest.mark.site
def test_the_published_csv_round_trips_to_the_records_plain_text(real_site):
    raw = (real_site / "data" / "quotes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    quotes = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["id"], r["text_nb"], r["text_en"]) for r in quotes] == [
        (q.id, plain_text(q.text.nb), plain_text(q.text.en or "")) for c in CATALOG.ordered_cases() for q in c.quotes
    ]




# --- In the browser: the access date and the copy buttons (progressive enhancement)

@pytest.mark.browser
@pytest.mark.parametrize(("lang", "copied"), [("nb", "Kopiert"), ("en", "Copied")])
def test_copy_buttons_copy_each_format_with_the_access_date_and_say_so(browser, site_url, lang, copied):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(site_url + ("en/" if lang == "en" else "") + "cases/bergen/", wait_until="networkidle")
        today = datetime.date.fromisoformat(page.evaluate("() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }"))
        page.locator(".kb-cite summary").click()
        buttons = page.locator(".kb-cite__copy")
        assert buttons.count() == 6  # text, BibTeX and RIS of this page and of the report
        names = [buttons.nth(i).get_attribute("aria-label") for i in range(6)]
        word = "Kopier" if lang == "nb" else "Copy"
        assert all(name.startswith(word + " ") for name in names) and len(set(names)) == 6

        buttons.nth(0).click()
        status = page.locator(".kb-cite__status").nth(0)
        status.filter(has_text=copied).wait_for()
        assert status.get_attribute("role") == "status"
        text = page.evaluate("navigator.clipboard.readText()")
        accessed = "besøkt" if lang == "nb" else "accessed"
        assert text.rstrip("\n").endswith(f"cases/bergen/ ({accessed} {formatted_date(today, lang)}).")

        buttons.nth(1).click()
        page.locator(".kb-cite__status").nth(1).filter(has_text=copied).wait_for()
        bibtex = page.evaluate("navigator.clipboard.readText()")
        assert bibtex.startswith("@online{kb-cases-bergen,") and f"  urldate      = {{{today.isoformat()}}},\n" in bibtex

        buttons.nth(2).click()
        page.locator(".kb-cite__status").nth(2).filter(has_text=copied).wait_for()
        assert f"Y2  - {today:%Y/%m/%d}\n" in page.evaluate("navigator.clipboard.readText()")

        page.add_script_tag(path=str(REPO / "node_modules" / "axe-core" / "axe.min.js"))
        violations = page.evaluate("async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)")
        assert violations == []
    finally:
        context.close()


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_citation_box_is_left_out_of_the_search_index(real_site, lang):
    """The same box on every page: indexed, every page would match "PwC" or "BibTeX"."""
    index = ((real_site / "en" if lang == "en" else real_site) / "search" / "search_index.json").read_text("utf-8")
    assert "@online{" not in index and "howpublished" not in index and "TY  - ELEC" not in index


@pytest.mark.unit
def test_the_build_date_is_the_commits(tmp_path):
    from kb.build_date import build_date

    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": "1700000000"}) == datetime.date(2023, 11, 14)
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": "0"}) is None  # not a checkout: no date rather than 1970
    assert build_date(REPO, {"SOURCE_DATE_EPOCH": "0"}) is not None  # a checkout: its commit's
