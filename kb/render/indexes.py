"""The overview page of each kind of record."""

from __future__ import annotations

from kb.labels import CASE_KINDS
from kb.render.common import PageContext, criterion_code, finding_link, front_matter, join_lines


def render_criteria_index(page: PageContext) -> str:
    items = []
    for c in page.catalog.ordered_criteria():
        cases = page.catalog.links_to("criterion", c.id).cases
        counted = page.label("cases_count_one") if len(cases) == 1 else page.label("cases_count").format(count=len(cases))
        count = f" *({counted})*" if cases else ""
        items.append(f"- **[{criterion_code(c.number)}]({page.record_href('criterion', c.id)})** {page.inline(c.title)}{count}")
    intro = page.label("criteria_intro")
    return join_lines(front_matter(intro), f"# {page.label('criteria')}", intro, "\n".join(items), f"*{page.label('site_classification')}*")


def render_cases_index(page: PageContext) -> str:
    parts = [front_matter(page.label("cases_intro")), f"# {page.label('cases')}", page.label("cases_intro")]
    for kind, names in CASE_KINDS.items():
        cases = [c for c in page.catalog.ordered_cases() if c.kind == kind]
        if cases:
            parts.append(f"## {names[page.lang]}")
            parts.append("\n".join(f"- [{page.inline(c.name)}]({page.record_href('case', c.id)})" for c in cases))
    return join_lines(*parts)


def render_perspectives_index(page: PageContext) -> str:
    items = [f"- [{page.inline(p.title)}]({page.record_href('perspective', p.id)})" for p in page.catalog.ordered_perspectives()]
    return join_lines(front_matter(page.label("perspectives_intro")), f"# {page.label('perspectives')}", page.label("perspectives_intro"), "\n".join(items))


def render_findings_index(page: PageContext) -> str:
    parts = [front_matter(page.label("findings_intro")), f"# {page.label('findings')}", page.label("findings_intro")]
    for perspective in page.catalog.ordered_perspectives():
        findings = page.catalog.links_to("perspective", perspective.id).findings
        if findings:
            parts.append(f"## {page.inline(perspective.title)}")
            parts.append("\n".join(f"- {finding_link(page, f)} — {page.page_ref(f.pages)}" for f in findings))
    return join_lines(*parts)
