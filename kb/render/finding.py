"""The page of one finding of the analysis (a section of chapter 5)."""

from __future__ import annotations

from kb.model import Finding
from kb.render.common import (
    PageContext,
    criterion_link,
    finding_heading,
    front_matter,
    join_lines,
    plain_excerpt,
    source_comment,
    text_in,
)


def render_finding(finding: Finding, page: PageContext) -> str:
    catalog = page.catalog
    perspective = catalog.perspectives[finding.perspective]
    facts = [f"- **{page.label('perspective')}:** [{page.inline(perspective.short_title)}]({page.record_href('perspective', perspective.id)})"]
    if finding.criteria:
        criteria = sorted((catalog.criteria[c] for c in finding.criteria), key=lambda c: c.number)
        facts.append(f"- **{page.label('criteria')}:** " + ", ".join(criterion_link(page, c) for c in criteria))
    if finding.cases:
        cases = ", ".join(f"[{page.inline(catalog.cases[c].name)}]({page.record_href('case', c)})" for c in finding.cases)
        facts.append(f"- **{page.label('cases_named')}:** {cases}")
    return join_lines(
        front_matter(plain_excerpt(text_in(finding.text, page.lang))),
        source_comment(catalog.sources[("finding", finding.id)]),
        f"# {finding_heading(page, finding)}",
        "\n".join(facts),
        page.block(finding.text),
        page.source_note(finding.source_note),
        page.pages(finding.pages),
    )
