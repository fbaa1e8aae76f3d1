"""All generated pages of one language, and the navigation that lists them."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from typing import Any

from kb.datapackage import ARCHIVE
from kb.export import export_archive, export_files
from kb.kinds import nav_kinds, record_kind
from kb.labels import Lang, label
from kb.link import Catalog
from kb.render.cite import with_citation
from kb.render.common import PageContext, index_path, record_path
from kb.render.directories import (
    INFORMANTS_PATH,
    QUOTES_PATH,
    render_informants,
    render_quotes,
)
from kb.render.matrix import (
    COMPACT_PATH,
    MATRIX_PATH,
    render_compact_matrix,
    render_matrix,
)
from kb.render.redirects import render_redirects
from kb.site_links import site_url_root

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


def render_site(catalog: Catalog, lang: Lang, site_url: str | None = None, updated: datetime.date | None = None) -> dict[str, str]:
    """{page path: Markdown} for every generated page of one language, each ending in its citation
    (`updated`: the build's date, which the citation gives as the date the page was last updated)."""
    pages: dict[str, str] = {}
    for kind in nav_kinds():
        records = catalog.ordered(kind.name)
        if not records:
            continue
        page = PageContext(lang, index_path(kind.name), catalog, site_url, updated)
        pages[page.path] = with_citation(kind.render_index(page), page)
        if kind.render_record is None:
            continue  # its records are sections of the index page (the glossary)
        for record in records:
            page = PageContext(lang, record_path(kind.name, record.id), catalog, site_url, updated)
            pages[page.path] = with_citation(kind.render_record(record, page), page)
    if catalog.cases and catalog.criteria:
        for path, (_title, render) in OVERVIEW_PAGES.items():
            page = PageContext(lang, path, catalog, site_url, updated)
            pages[path] = with_citation(render(page), page)
    return pages


def site_nav(catalog: Catalog, lang: Lang, hand_pages: list[str]) -> list[Any]:
    """MkDocs `nav`: home, one section per record kind, then the other hand-written pages."""
    nav: list[Any] = [{label("home", lang): "index.md"}] if "index.md" in hand_pages else []
    for kind in nav_kinds():
        records = catalog.ordered(kind.name)
        section = kind.label(kind.section_label, lang)
        if records and (kind.single_page or len(records) > NAV_LIMIT):
            nav.append({section: index_path(kind.name)})
        elif records:
            # MkDocs' templates print nav titles as HTML, unescaped, on every page (and outside
            # the sanitised content): record text is escaped as MkDocs escapes a heading's text.
            entries = [{html.escape(kind.nav_title(r, lang), quote=False): record_path(kind.name, r.id)} for r in records]
            nav.append({section: [index_path(kind.name)] + entries})
    if catalog.cases and catalog.criteria:
        nav.append({label("overviews", lang): [{label(title, lang): path} for path, (title, _) in OVERVIEW_PAGES.items()]})
    nav += sorted(p for p in hand_pages if p != "index.md")
    return nav


# First folders of paths the site itself writes besides the record kinds' page folders: a
# hand-written page there could replace or shadow a generated page, the open data, the theme's
# files or the search index.
RESERVED_FOLDERS = frozenset({"data", "assets", "search", "images"})
_SHORT_LINK = re.compile(r"k[0-9]+")


def generated_path_taken(path: str) -> bool:
    """Whether a hand-written page at `path` (inside content/<lang>/) would take a generated page's place."""
    first, _, rest = path.partition("/")
    stem = first[: -len(".md")] if not rest and first.endswith(".md") else first
    page_folders = {kind.page_folder for kind in nav_kinds()}
    # `cases.md` and `cases/index.md` both become cases/index.html.
    return (
        (bool(rest) and first in RESERVED_FOLDERS | page_folders) or stem in page_folders or path in OVERVIEW_PAGES or _SHORT_LINK.fullmatch(stem) is not None
    )


def render_files(catalog: Catalog, lang: Lang, site_url: str | None = None, updated: datetime.date | None = None) -> dict[str, str | bytes]:
    """Files the site serves beside its pages: open data under data/ (the zip of it too) and the
    /k1/ … short links. `site_url`: this language's address."""
    root = site_url_root(site_url, lang)
    files: dict[str, str | bytes] = {f"data/{name}": text for name, text in export_files(catalog, root, updated).items()}
    files[f"data/{ARCHIVE}"] = export_archive(catalog, root, updated)
    files.update(render_redirects(catalog, lang))
    return files


def page_sources(catalog: Catalog) -> dict[str, str]:
    """{generated page path: the record file it comes from}, for "edit this page"."""
    return {
        record_path(kind, record_id): source
        for (kind, record_id), source in catalog.sources.items()
        if not record_kind(kind).single_page  # the glossary page has many sources; it is edited term by term
    }
