"""The glossary: every key term in both languages on one page, each term an anchor."""

from __future__ import annotations

from kb.labels import LANGS
from kb.model import Term
from kb.render.common import (
    PageContext,
    criterion_link,
    front_matter,
    join_lines,
    markdown_literal,
    text_in,
)


def render_glossary(page: PageContext) -> str:
    terms = page.catalog.ordered_terms(page.lang)
    return join_lines(
        front_matter(page.label("glossary_intro")),
        f"# {page.label('glossary')}",
        page.label("glossary_intro"),
        *(render_term(term, page) for term in terms),
    )


def render_term(term: Term, page: PageContext) -> str:
    others = ", ".join(f'<span lang="{other}">{markdown_literal(text_in(term.term, other))}</span>' for other in LANGS if other != page.lang)
    parts: list[str | None] = [
        f"## {markdown_literal(text_in(term.term, page.lang))} {{#{term.id}}}",
        f"*{page.label('in_other_language')}:* {others}",
        page.block(term.definition),
    ]
    related = [criterion_link(page, page.catalog.criteria[c]) for c in term.criteria]
    related += [f"[{page.inline(page.catalog.perspectives[p].title)}]({page.record_href('perspective', p)})" for p in term.perspectives]
    if related:
        parts.append(f"**{page.label('related')}:** " + ", ".join(related))
    parts.append(page.source_note(term.source_note))
    parts.append(f"*{page.page_ref(term.pages)}*")
    return join_lines(*parts)
