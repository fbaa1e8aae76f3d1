"""Directories across the cases: every quote (by case, criterion and perspective) and every informant.

Grouped lists rather than a filter widget: they work without JavaScript, in print and in a
screen reader's headings list, and each group is one click away in the table of contents.
"""

from __future__ import annotations

from kb.model import Case, Quote
from kb.render.common import (
    PageContext,
    criterion_code,
    escape,
    front_matter,
    join_lines,
)
from kb.render.quote import render_quote

QUOTES_PATH = "quotes.md"
INFORMANTS_PATH = "informants.md"


def render_quotes(page: PageContext) -> str:
    catalog = page.catalog
    by_case = [join_lines(
        f"### [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}",
        *(render_quote(q, case, page, anchor=False, link_case=True) for q in case.quotes),
    ) for case in catalog.ordered_cases() if case.quotes]
    by_criterion = []
    for criterion in catalog.ordered_criteria():
        quotes = catalog.links_to("criterion", criterion.id).quotes
        if quotes:
            heading = f"### {criterion_code(criterion.number)} {page.inline(criterion.short_title)} {{#criterion-{criterion.id}}}"
            by_criterion.append(join_lines(heading, quote_list(quotes, page)))
    by_perspective = []
    for perspective in catalog.ordered_perspectives():
        quotes = catalog.links_to("perspective", perspective.id).quotes
        if quotes:
            heading = f"### {page.inline(perspective.title)} {{#perspective-{perspective.id}}}"
            by_perspective.append(join_lines(heading, quote_list(quotes, page)))
    return join_lines(
        front_matter(page.label("quotes_intro")),
        f"# {page.label('quotes')}",
        page.label("quotes_intro"),
        f"## {page.label('by_case')}",
        *by_case,
        f"## {page.label('by_criterion')}",
        *by_criterion,
        f"## {page.label('by_perspective')}",
        *by_perspective,
    )


def quote_list(quotes: list[tuple[Case, Quote]], page: PageContext) -> str:
    """Each quote as its opening words, the speaker, and a link to it in its case."""
    items = []
    for case, quote in quotes:
        words = quote.text.nb.split()
        opening = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        link = f"[«{escape(opening)}»]({page.record_href('case', case.id, quote.id)})"
        items.append(f'- <span lang="nb">{link}</span> — {page.inline(quote.attribution)}' if page.lang == "en"
                     else f"- {link} — {page.inline(quote.attribution)}")
    return "\n".join(items)


def render_informants(page: PageContext) -> str:
    parts = [
        front_matter(page.label("informants_intro")),
        f"# {page.label('informants')}",
        page.label("informants_intro"),
    ]
    for case in page.catalog.ordered_cases():
        if not case.informants:
            continue
        items = []
        for informant in case.informants:
            # Unpublished names never leave the record: role and organisation only.
            who = escape(informant.name) + ", " if informant.publish_name else ""
            items.append(f"- {who}{page.inline(informant.role)}")
        parts.append(f"## [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}")
        parts.append("\n".join(items))
    return join_lines(*parts)
