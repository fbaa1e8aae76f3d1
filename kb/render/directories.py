"""Directories across the cases: every quote (by case, criterion and perspective) and every informant.

Grouped lists rather than a filter widget: they work without JavaScript, in print and in a
screen reader's headings list, and each group is one click away in the table of contents.
"""

from __future__ import annotations

import html

from kb.labels import LANGS
from kb.model import Case, Quote
from kb.render.common import (
    PageContext,
    criterion_code,
    front_matter,
    join_lines,
    markdown_literal,
    repeated,
)
from kb.render.quote import quote_attribution, render_quote

# Quotes are verbatim in the report's language, the source language; other languages translate them.
SOURCE = LANGS[0]

QUOTES_PATH = "quotes.md"
INFORMANTS_PATH = "informants.md"


def render_quotes(page: PageContext) -> str:
    catalog = page.catalog
    by_case = [
        join_lines(
            f"### [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}",
            *(render_quote(q, case, page, anchor=False, link_case=True) for q in case.quotes),
        )
        for case in catalog.ordered_cases()
        if case.quotes
    ]
    by_criterion = [quote_group(f"{criterion_code(c.number)} {page.inline(c.short_title)}", "criterion", c.id, page) for c in catalog.ordered_criteria()]
    by_perspective = [quote_group(page.inline(p.title), "perspective", p.id, page) for p in catalog.ordered_perspectives()]
    return join_lines(
        front_matter(page.label("quotes_intro")),
        f"# {page.label('quotes')}",
        page.label("quotes_intro"),
        repeated(
            quote_jumps(page),
            f"## {page.label('by_case')}",
            *by_case,
            f"## {page.label('by_criterion')}",
            *filter(None, by_criterion),
            f"## {page.label('by_perspective')}",
            *filter(None, by_perspective),
        ),
    )


def quote_jumps(page: PageContext) -> str:
    """An index at the top of the page: one link per group, with its number of quotes, so a reader
    narrows the quotes to one case, criterion or perspective with a click and no script."""
    catalog = page.catalog

    def jump(text: str, kind: str, record_id: str, count: int) -> str:
        return f"[{text} ({count})](#{kind}-{record_id})"

    rows = [
        (page.label("by_case"), [jump(page.inline(c.name), "case", c.id, len(c.quotes)) for c in catalog.ordered_cases() if c.quotes]),
        (
            page.label("by_criterion"),
            [
                jump(f"{criterion_code(c.number)} {page.inline(c.short_title)}", "criterion", c.id, len(catalog.links_to("criterion", c.id).quotes))
                for c in catalog.ordered_criteria()
                if catalog.links_to("criterion", c.id).quotes
            ],
        ),
        (
            page.label("by_perspective"),
            [
                jump(page.inline(p.title), "perspective", p.id, len(catalog.links_to("perspective", p.id).quotes))
                for p in catalog.ordered_perspectives()
                if catalog.links_to("perspective", p.id).quotes
            ],
        ),
    ]
    lines = "\n".join(f"- **{heading}:** {' · '.join(links)}" for heading, links in rows if links)
    return f'<div class="kb-jumps" role="navigation" aria-label="{html.escape(page.label("jump_to"))}" markdown="1">\n\n{lines}\n\n</div>'


def quote_group(heading: str, kind: str, record_id: str, page: PageContext) -> str | None:
    """The quotes that point at one criterion or perspective, under its heading; None if none do."""
    quotes = page.catalog.links_to(kind, record_id).quotes
    return join_lines(f"### {heading} {{#{kind}-{record_id}}}", quote_list(quotes, page)) if quotes else None


def quote_list(quotes: list[tuple[Case, Quote]], page: PageContext) -> str:
    """Each quote as its opening words, the speaker, and a link to it in its case."""
    items = []
    for case, quote in quotes:
        words = getattr(quote.text, SOURCE).split()
        opening = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        link = f"[«{markdown_literal(opening)}»]({page.record_href('case', case.id, quote.id)})"
        who = quote_attribution(quote, case, page)
        items.append(f'- <span lang="{SOURCE}">{link}</span> — {who}' if page.lang != SOURCE else f"- {link} — {who}")
    return "\n".join(items)


def render_informants(page: PageContext) -> str:
    parts = []
    for case in page.catalog.ordered_cases():
        if not case.informants:
            continue
        items = []
        for informant in case.informants:
            # Unpublished names never leave the record: role and organisation only.
            who = markdown_literal(informant.name) + ", " if informant.publish_name else ""
            items.append(f"- {who}{page.inline(informant.role)}")
        parts.append(f"## [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}")
        parts.append("\n".join(items))
    # Each informant is on the case page too: the list is left out of the search index.
    return join_lines(front_matter(page.label("informants_intro")), f"# {page.label('informants')}", page.label("informants_intro"), repeated(*parts))
