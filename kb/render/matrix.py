"""The overview matrix: success criteria × cases, as an accessible table and a compact print version.

Raw HTML, because a Markdown table has no caption, no row headers and no scope; its links are
therefore written as final relative URLs (`html_href`), which the link tests check.
"""

from __future__ import annotations

import html

from kb.model import Case, Criterion
from kb.render.common import (
    PageContext,
    criterion_code,
    front_matter,
    join_lines,
    record_path,
    repeated,
    text_in,
)

MATRIX_PATH = "matrix.md"
COMPACT_PATH = "matrix-print.md"


def render_matrix(page: PageContext) -> str:
    """The table for wide screens and print, the same counts as a list for narrow ones (kb.css shows
    one of them), and a source line that only print shows."""
    catalog = page.catalog
    cases = catalog.ordered_cases()
    head = "".join(f'<th scope="col"><a href="{page.html_href(record_path("case", c.id))}">{column_name(page, c)}</a></th>' for c in cases)
    rows, items, pages = [], [], []
    for criterion in catalog.ordered_criteria():
        by_case = catalog.links_to("criterion", criterion.id).observations_by_case()
        counts = {case.id: len(obs) for case, obs in by_case}
        pages += [number for _, obs in by_case for observation in obs for number in observation.pages]
        cells = [matrix_cell(page, criterion, case, counts.get(case.id, 0)) for case in cases]
        name = f"{criterion_code(criterion.number)} {text_in(criterion.short_title, page.lang)}"
        link = f'<a href="{page.html_href(record_path("criterion", criterion.id))}">{esc(name)}</a>'
        rows.append(f'<tr><th scope="row">{link}</th>{"".join(cells)}</tr>')
        items.append(matrix_list_item(page, criterion, link, [(case, counts[case.id]) for case in cases if case.id in counts]))
    table = html_table("kb-matrix", page.label("matrix_caption"), page.label("criterion"), head, rows)
    return join_lines(
        front_matter(page.label("matrix_intro")),
        f"# {page.label('matrix')}",
        page.label("matrix_intro") + " " + page.label("site_classification"),
        # The counts repeat the records: left out of the search index, as raw HTML marks it (a
        # Markdown wrapper would put paragraphs into the list).
        table,
        repeated(column_key(page, cases)),
        "\n".join(['<ul class="kb-matrix-list" data-search-exclude>', *items, "</ul>"]),
        repeated(print_source(page, pages)),
        f"[{page.label('matrix_compact')}]({page.href(COMPACT_PATH)})",
    )


def column_name(page: PageContext, case: Case) -> str:
    """A case's column header: its name without a closing gloss in brackets ("NAV", not "NAV (Norwegian
    Labour and Welfare Administration)"), so that the columns fit and words stay whole; the full
    name is the link's accessible name, and the key below the table shows it."""
    name = text_in(case.name, page.lang)
    short = name.split(" (", 1)[0]
    if short == name:
        return esc(name)
    return f'<span aria-hidden="true">{esc(short)}</span><span class="kb-sr-only">{esc(name)}</span>'


def column_key(page: PageContext, cases: list[Case]) -> str:
    """The full names of the shortened headers, under the table; nothing when none is shortened."""
    names = [text_in(case.name, page.lang) for case in cases]
    glossed = [name for name in names if " (" in name]
    return f'<p class="kb-matrix-key">{esc("; ".join(glossed))}</p>' if glossed else ""


def matrix_cell(page: PageContext, criterion, case, count: int) -> str:
    if not count:
        return f'<td><span aria-hidden="true">–</span><span class="kb-sr-only">{esc(page.label("none"))}</span></td>'
    # The visible number is part of the accessible name (WCAG 2.5.3), the rest says what it counts.
    name = page.label("matrix_cell_one" if count == 1 else "matrix_cell").format(
        count=count, case=text_in(case.name, page.lang), criterion=criterion_code(criterion.number)
    )
    href = page.html_href(record_path("criterion", criterion.id), f"case-{case.id}")
    # The shade repeats the number for the eye (kb.css: 1, 2, 3 or more); the number says it for everyone.
    return f'<td class="kb-matrix__n{min(count, 3)}"><a href="{href}" aria-label="{esc(name)}">{count}</a></td>'


def matrix_list_item(page: PageContext, criterion: Criterion, link: str, counts: list[tuple[Case, int]]) -> str:
    """One criterion of the narrow screens' list: the cases that illustrate it, with their counts."""
    if not counts:
        return f"<li>{link}: {esc(page.label('none'))}</li>"
    entries = "".join(
        f'<li><a href="{page.html_href(record_path("criterion", criterion.id), f"case-{case.id}")}">'
        f"{esc(text_in(case.name, page.lang))}: {esc(observation_count(page, count))}</a></li>"
        for case, count in counts
    )
    return f"<li>{link}<ul>{entries}</ul></li>"


def observation_count(page: PageContext, count: int) -> str:
    return page.label("observations_count_one" if count == 1 else "observations_count").format(count=count)


def print_source(page: PageContext, pages: list[int]) -> str:
    """Shown on paper only (kb.css): where the counts come from, and where the page lives."""
    address = f" {esc(page.url)}" if page.url else ""
    return f'<p class="kb-print-only">{esc(page.pages(sorted(set(pages))))}{address}</p>'


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
            f'<div class="kb-matrix{extra_class}" role="region" aria-labelledby="{key}-caption" tabindex="0" data-search-exclude>',
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
