"""The page of one perspective: its questions, hypotheses, and what the cases showed."""

from __future__ import annotations

from kb.model import Perspective, Text
from kb.render.common import (
    PageContext,
    criterion_link,
    finding_link,
    front_matter,
    join_lines,
    key_terms,
    plain_excerpt,
    repeated,
    source_comment,
    text_in,
)


def render_perspective(perspective: Perspective, page: PageContext) -> str:
    catalog = page.catalog
    links = catalog.links_to("perspective", perspective.id)
    return join_lines(
        front_matter(plain_excerpt(text_in(perspective.summary, page.lang))),
        source_comment(catalog.sources[("perspective", perspective.id)]),
        f"# {page.inline(perspective.title)}",
        page.block(perspective.summary),
        key_terms(links.terms, page),
        text_list(page.label("key_words"), perspective.key_words, page, numbered=False),
        text_list(page.label("research_questions"), perspective.research_questions, page, numbered=True),
        text_list(page.label("hypotheses"), perspective.hypotheses, page, numbered=True),
        page.block(perspective.body) if perspective.body else None,
        join_lines(
            f"## {page.label('criteria_in_perspective')}",
            "\n".join(f"- {criterion_link(page, c)}" for c in links.criteria),
        )
        if links.criteria
        else None,
        repeated(observations_by_case(perspective, page)),
        join_lines(
            f"## {page.label('findings')}",
            "\n".join(f"- {finding_link(page, f)}" for f in links.findings),
        )
        if links.findings
        else None,
        page.source_note(perspective.source_note),
        page.pages(perspective.pages),
    )


def text_list(heading: str, items: list[Text], page: PageContext, *, numbered: bool) -> str | None:
    if not items:
        return None
    lines = [f"{i}. {page.inline(t)}" if numbered else f"- {page.inline(t)}" for i, t in enumerate(items, 1)]
    return join_lines(f"## {heading}", "\n".join(lines))


def observations_by_case(perspective: Perspective, page: PageContext) -> str | None:
    links = page.catalog.links_to("perspective", perspective.id)
    if not links.observations:
        return None
    parts = [f"## {page.label('observations_by_case')}"]
    for case, observations in links.observations_by_case():
        parts.append(f"### [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}")
        parts.append("\n".join(f"- [{page.inline(o.title)}]({page.record_href('case', case.id, o.id)})" for o in observations))
    return join_lines(*parts)
