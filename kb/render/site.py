"""All generated pages of one language, and the navigation that lists them."""

from __future__ import annotations

import html
import re
from typing import Any, Callable

from kb.export import export_files
from kb.labels import Lang, label
from kb.link import Catalog
from kb.render.case import render_case
from kb.render.cite import with_citation
from kb.render.common import (
    PAGE_FOLDERS,
    PageContext,
    criterion_code,
    index_path,
    record_path,
    text_in,
)
from kb.render.criterion import render_criterion
from kb.render.directories import (
    INFORMANTS_PATH,
    QUOTES_PATH,
    render_informants,
    render_quotes,
)
from kb.render.finding import render_finding
from kb.render.glossary import render_glossary
from kb.render.indexes import (
    render_cases_index,
    render_criteria_index,
    render_findings_index,
    render_perspectives_index,
)
from kb.render.matrix import (
    COMPACT_PATH,
    MATRIX_PATH,
    render_compact_matrix,
    render_matrix,
)
from kb.render.perspective import render_perspective
from kb.render.redirects import render_redirects

INDEX_RENDERERS: dict[str, Callable[[PageContext], str]] = {
    "criterion": render_criteria_index,
    "case": render_cases_index,
    "perspective": render_perspectives_index,
    "finding": render_findings_index,
    "term": render_glossary,
}
RECORD_RENDERERS: dict[str, Callable[[Any, PageContext], str]] = {
    "criterion": render_criterion,
    "case": render_case,
    "perspective": render_perspective,
    "finding": render_finding,
}
# Pages across all records, in the navigation's "Overviews" section.
OVERVIEW_PAGES: dict[str, tuple[str, Callable[[PageContext], str]]] = {
    MATRIX_PATH: ("matrix", render_matrix),
    COMPACT_PATH: ("matrix_compact", render_compact_matrix),
    QUOTES_PATH: ("quotes", render_quotes),
    INFORMANTS_PATH: ("informants", render_informants),
}
# Above this many records of a kind, the navigation lists only the kind's overview page. Every
# page carries the whole navigation, so listing N cases on each of N case pages makes the site
# grow with N²: measured at 100 synthetic cases, a 40 MB site and a 15 s build.
NAV_LIMIT = 30
# Section titles in the navigation, in the order readers meet them.
SECTION_LABELS = {"criterion": "criteria", "case": "cases", "perspective": "perspectives", "finding": "findings", "term": "glossary"}


def ordered_records(catalog: Catalog, kind: str) -> list[Any]:
    return {
        "criterion": catalog.ordered_criteria,
        "case": catalog.ordered_cases,
        "perspective": catalog.ordered_perspectives,
        "finding": catalog.ordered_findings,
        "term": lambda: catalog.ordered_terms("nb"),
    }[kind]()


def render_site(catalog: Catalog, lang: Lang, site_url: str | None = None) -> dict[str, str]:
    """{page path: Markdown} for every generated page of one language, each ending in its citation."""
    pages: dict[str, str] = {}
    for kind, render_index in INDEX_RENDERERS.items():
        records = ordered_records(catalog, kind)
        if not records:
            continue
        page = PageContext(lang, index_path(kind), catalog, site_url)
        pages[page.path] = with_citation(render_index(page), page)
        if kind not in RECORD_RENDERERS:
            continue  # its records are sections of the index page (the glossary)
        for record in records:
            page = PageContext(lang, record_path(kind, record.id), catalog, site_url)
            pages[page.path] = with_citation(RECORD_RENDERERS[kind](record, page), page)
    if catalog.cases and catalog.criteria:
        for path, (_title, render) in OVERVIEW_PAGES.items():
            page = PageContext(lang, path, catalog, site_url)
            pages[path] = with_citation(render(page), page)
    return pages



def site_nav(catalog: Catalog, lang: Lang, hand_pages: list[str]) -> list[Any]:
    """MkDocs `nav`: home, one section per record kind, then the other hand-written pages."""
    nav: list[Any] = [{label("home", lang): "index.md"}] if "index.md" in hand_pages else []
    for kind in INDEX_RENDERERS:
        records = ordered_records(catalog, kind)
        if records and (kind not in RECORD_RENDERERS or len(records) > NAV_LIMIT):
            nav.append({label(SECTION_LABELS[kind], lang): index_path(kind)})
        elif records:
            # MkDocs' templates print nav titles as HTML, unescaped, on every page (and outside
            # the sanitised content): record text is escaped as MkDocs escapes a heading's text.
            entries = [{html.escape(nav_title(kind, r, lang), quote=False): record_path(kind, r.id)} for r in records]
            nav.append({label(SECTION_LABELS[kind], lang): [index_path(kind)] + entries})
    if catalog.cases and catalog.criteria:
        nav.append({label("overviews", lang): [{label(title, lang): path} for path, (title, _) in OVERVIEW_PAGES.items()]})
    nav += sorted(p for p in hand_pages if p != "index.md")
    return nav


# First folders of paths the site itself writes: a hand-written page there could replace or
# shadow a generated page, the open data, the theme's files or the search index.
RESERVED_FOLDERS = frozenset(PAGE_FOLDERS.values()) | {"data", "assets", "search", "images"}
_SHORT_LINK = re.compile(r"k[0-9]+")


def generated_path_taken(path: str) -> bool:
    """Whether a hand-written page at `path` (inside content/<lang>/) would take a generated page's place."""
    first, _, rest = path.partition("/")
    stem = first[: -len(".md")] if not rest and first.endswith(".md") else first
    # `cases.md` and `cases/index.md` both become cases/index.html.
    return (bool(rest) and first in RESERVED_FOLDERS) or stem in PAGE_FOLDERS.values() or path in OVERVIEW_PAGES \
        or _SHORT_LINK.fullmatch(stem) is not None


def render_files(catalog: Catalog, lang: Lang) -> dict[str, str]:
    """Files the site serves beside its pages: open data under data/ and the /k1/ … short links."""
    files = {f"data/{name}": text for name, text in export_files(catalog).items()}
    files.update(render_redirects(catalog, lang))
    return files


def nav_title(kind: str, record: Any, lang: Lang) -> str:
    """The record's short name in the navigation (and the browser tab); Norwegian if untranslated."""
    if kind == "criterion":
        return f"{criterion_code(record.number)} {text_in(record.short_title, lang)}"
    if kind == "case":
        return text_in(record.name, lang)
    if kind == "finding":
        return f"{record.section} {text_in(record.title, lang)}"
    return text_in(record.title, lang)


def page_sources(catalog: Catalog) -> dict[str, str]:
    """{generated page path: the record file it comes from}, for "edit this page"."""
    return {
        record_path(kind, record_id): source
        for (kind, record_id), source in catalog.sources.items()
        if kind in RECORD_RENDERERS  # the glossary page has many sources; it is edited term by term
    }
