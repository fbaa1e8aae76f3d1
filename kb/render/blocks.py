"""Hand-written pages: generated overviews embedded where the page asks, and record links resolved.

A hand-written page asks for an overview with a line of its own, `<!-- kb:criteria-overview -->`:
invisible where the Markdown is previewed as it is (GitHub), replaced by the overview in the site.
"""

from __future__ import annotations

from typing import Callable

from kb.labels import CASE_KINDS
from kb.markdown import BLOCK, BLOCK_NAMES
from kb.render.common import PageContext, criterion_code, resolve_links


def criteria_overview(page: PageContext) -> str:
    """The nine criteria as cards: number and short title (linked), then the report's full advice."""
    cards = [
        f"-   **[{criterion_code(c.number)} {page.inline(c.short_title)}]({page.record_href('criterion', c.id)})**\n\n"
        f"    {page.inline(c.title)}"
        for c in page.catalog.ordered_criteria()
    ]
    return grid(cards)


def cases_overview(page: PageContext) -> str:
    cards = [
        f"-   **[{page.inline(c.name)}]({page.record_href('case', c.id)})**\n\n    {CASE_KINDS[c.kind][page.lang]}"
        for c in page.catalog.ordered_cases()
    ]
    return grid(cards)


def perspectives_overview(page: PageContext) -> str:
    return "\n".join(
        f"- **[{page.inline(p.title)}]({page.record_href('perspective', p.id)})**"
        for p in page.catalog.ordered_perspectives()
    )


def grid(cards: list[str]) -> str:
    # Material's grid cards: a list inside a `grid cards` container, one card per item.
    return '<div class="grid cards" markdown="1">\n\n' + "\n\n".join(cards) + "\n\n</div>"


BLOCKS: dict[str, Callable[[PageContext], str]] = {
    "criteria-overview": criteria_overview,
    "cases-overview": cases_overview,
    "perspectives-overview": perspectives_overview,
}


assert tuple(BLOCKS) == BLOCK_NAMES, "kb.markdown.BLOCK_NAMES lists the blocks validation accepts"


def render_hand_page(markdown: str, page: PageContext) -> str:
    """A hand-written page with its blocks filled in and its record links made relative."""
    filled = BLOCK.sub(lambda m: BLOCKS[m[1]](page), markdown)
    return resolve_links(filled, page)
