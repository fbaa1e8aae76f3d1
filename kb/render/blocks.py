"""Hand-written pages: generated overviews embedded where the page asks, and record links resolved.

A hand-written page asks for an overview with a line of its own, `<!-- kb:criteria-overview -->`:
invisible where the Markdown is previewed as it is (GitHub), replaced by the overview in the site.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.datapackage import ARCHIVE, DATAPACKAGE
from kb.export import export_archive, export_files
from kb.front_matter import read_front_matter
from kb.kinds import record_kinds
from kb.labels import CASE_KINDS, Lang, label
from kb.markdown import BLOCK, BLOCK_NAMES
from kb.render.cite import with_citation
from kb.render.common import PageContext, criterion_code, front_matter, resolve_links
from kb.render.source_language import mark_hand_page
from kb.site_links import site_url_root


def criteria_overview(page: PageContext) -> str:
    """The nine criteria as cards: number and short title (linked), then the report's full advice."""
    cards = [
        f"-   **[{criterion_code(c.number)} {page.inline(c.short_title)}]({page.record_href('criterion', c.id)})**\n\n    {page.inline(c.title)}"
        for c in page.catalog.ordered_criteria()
    ]
    return grid(cards)


def cases_overview(page: PageContext) -> str:
    cards = [f"-   **[{page.inline(c.name)}]({page.record_href('case', c.id)})**\n\n    {CASE_KINDS[c.kind][page.lang]}" for c in page.catalog.ordered_cases()]
    return grid(cards)


def perspectives_overview(page: PageContext) -> str:
    return "\n".join(f"- **[{page.inline(p.title)}]({page.record_href('perspective', p.id)})**" for p in page.catalog.ordered_perspectives())


def data_downloads(page: PageContext) -> str:
    """A "download all" button (the zip), then the open-data files as a table: file, what it holds, size."""
    root = site_url_root(page.site_url, page.lang)
    files = export_files(page.catalog, root, page.updated)
    archive = export_archive(page.catalog, root, page.updated)
    download_all = (
        f"[{page.label('data_download_all')} ({ARCHIVE}, {size_text(len(archive))})]({page.href('data/' + ARCHIVE)}){{ .md-button .md-button--primary }}"
        f"\n\n{page.label('data_all')}."
    )
    rows = [f"| {page.label('file')} | {page.label('contents')} | {page.label('size')} |", "|---|---|---|"]
    for name, text in files.items():
        if name.startswith("schemas/"):
            continue
        description = page.label("data_datapackage") if name == DATAPACKAGE else data_description(name.rsplit(".", 1)[0], page.lang)
        rows.append(f"| [{name}]({page.href('data/' + name)}) | {description} | {size_text(len(text.encode('utf-8')))} |")
    schemas = ", ".join(f"[{name}]({page.href('data/' + name)})" for name in files if name.startswith("schemas/"))
    return download_all + "\n\n" + "\n".join(rows) + f"\n\n{page.label('data_schemas')}: {schemas}"


def size_text(size: int) -> str:
    return f"{max(1, round(size / 1024))} kB"


def data_description(stem: str, lang: Lang) -> str:
    """What a data file holds: a record kind's own files say it through their kind (which may bring
    its own label), the files cut from the cases through kb/labels.py."""
    kind = next((k for k in record_kinds() if k.export_name == stem), None)
    return kind.label(kind.data_label, lang) if kind else label(f"data_{stem.replace('-', '_')}", lang)


def grid(cards: list[str]) -> str:
    # Material's grid cards: a list inside a `grid cards` container, one card per item.
    return '<div class="grid cards" markdown="1">\n\n' + "\n\n".join(cards) + "\n\n</div>"


BLOCKS: dict[str, Callable[[PageContext], str]] = {
    "criteria-overview": criteria_overview,
    "cases-overview": cases_overview,
    "perspectives-overview": perspectives_overview,
    "data-downloads": data_downloads,
}


assert tuple(BLOCKS) == BLOCK_NAMES, "kb.markdown.BLOCK_NAMES lists the blocks validation accepts"


def render_hand_page(markdown: str, page: PageContext) -> str:
    """A hand-written page with its blocks filled in, its record links made relative and its
    front matter written out the same way as a generated page's (escaped description)."""
    # Only a checked page is rendered, so its front matter reads without issues.
    front = read_front_matter(Path(page.path), markdown, [])
    filled = mark_hand_page(resolve_links(BLOCK.sub(lambda m: BLOCKS[m[1]](page), front.body), page), page.lang)
    if front.meta.get("description"):
        filled = front_matter(str(front.meta["description"])) + "\n\n" + filled.lstrip("\n")
    return with_citation(filled, page)
