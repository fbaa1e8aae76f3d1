"""The overview matrix: success criteria × cases, as an accessible table and a compact print version.

Raw HTML, because a Markdown table has no caption, no row headers and no scope; its links are
therefore written as final relative URLs (`html_href`), which the link tests check.
"""

from __future__ import annotations

import html

from kb.render.common import (
    PageContext,
    criterion_code,
    front_matter,
    join_lines,
    record_path,
    text_in,
)

MATRIX_PATH = "matrix.md"
COMPACT_PATH = "matrix-print.md"


def render_matrix(page: PageContext) -> str:
    catalog = page.catalog
    cases = catalog.ordered_cases()
    head = "".join(f'<th scope="col"><a href="{page.html_href(record_path("case", c.id))}">{esc(text_in(c.name, page.lang))}</a></th>' for c in cases)
    rows = []
    for criterion in catalog.ordered_criteria():
        counts = {case.id: len(obs) for case, obs in catalog.links_to("criterion", criterion.id).observations_by_case()}
        cells = [matrix_cell(page, criterion, case, counts.get(case.id, 0)) for case in cases]
        name = f"{criterion_code(criterion.number)} {text_in(criterion.short_title, page.lang)}"
        row_head = f'<th scope="row"><a href="{page.html_href(record_path("criterion", criterion.id))}">{esc(name)}</a></th>'
        rows.append(f"<tr>{row_head}{''.join(cells)}</tr>")
    table = html_table("kb-matrix", page.label("matrix_caption"), page.label("criterion"), head, rows)
    return join_lines(
        front_matter(page.label("matrix_intro")),
        f"# {page.label('matrix')}",
        page.label("matrix_intro") + " " + page.label("site_classification"),
        table,
        f"[{page.label('matrix_compact')}]({page.href(COMPACT_PATH)})",
    )


def matrix_cell(page: PageContext, criterion, case, count: int) -> str:
    if not count:
        return f'<td><span aria-hidden="true">–</span><span class="kb-sr-only">{esc(page.label("none"))}</span></td>'
    # The visible number is part of the accessible name (WCAG 2.5.3), the rest says what it counts.
    name = page.label("matrix_cell_one" if count == 1 else "matrix_cell").format(
        count=count, case=text_in(case.name, page.lang), criterion=criterion_code(criterion.number)
    )
    href = page.html_href(record_path("criterion", criterion.id), f"case-{case.id}")
    return f'<td><a href="{href}" aria-label="{esc(name)}">{count}</a></td>'


def render_compact_matrix(page: PageContext) -> str:
    """One glance, one printed page: codes for criteria, marks for links, a key below."""
    catalog = page.catalog
    cases = catalog.ordered_cases()
    head = "".join(f'<th scope="col">{esc(text_in(c.name, page.lang))}</th>' for c in cases)
    rows = []
    for criterion in catalog.ordered_criteria():
        ids = {c.id for c in catalog.links_to("criterion", criterion.id).cases}
        marks = "".join(
            f'<td>{"●" if case.id in ids else ""}<span class="kb-sr-only">{esc(page.label("yes" if case.id in ids else "no"))}</span></td>' for case in cases
        )
        name = f"{criterion_code(criterion.number)} {text_in(criterion.short_title, page.lang)}"
        rows.append(f'<tr><th scope="row">{esc(name)}</th>{marks}</tr>')
    table = html_table("kb-compact", page.label("matrix_compact_caption"), page.label("criterion"), head, rows, " kb-matrix--compact")
    return join_lines(
        front_matter(page.label("matrix_compact_caption")),
        f"# {page.label('matrix_compact')}",
        table,
        f"[{page.label('matrix')}]({page.href(MATRIX_PATH)})",
    )


def html_table(key: str, caption: str, corner: str, head: str, rows: list[str], extra_class: str = "") -> str:
    """A table in a focusable, labelled scroll region: on a phone it scrolls sideways, by keyboard too.
    The `kb-table` class keeps Material from wrapping it in a second, unfocusable scroll box."""
    return "\n".join(
        [
            f'<div class="kb-matrix{extra_class}" role="region" aria-labelledby="{key}-caption" tabindex="0">',
            '<table class="kb-table">',
            f'<caption id="{key}-caption">{esc(caption)}</caption>',
            f'<thead><tr><th scope="col">{esc(corner)}</th>{head}</tr></thead>',
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
            "</div>",
        ]
    )


def esc(text: str) -> str:
    return html.escape(text, quote=True)
