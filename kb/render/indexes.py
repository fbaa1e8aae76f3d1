"""The overview page of each kind of record."""

from __future__ import annotations

from kb.labels import CASE_KINDS
from kb.model import Case
from kb.render.common import PageContext, criterion_code, criterion_link, finding_link, front_matter, join_lines, repeated
from kb.render.glance import figure_text, size_figure


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
    """Every case with its kind, size and themes; then the cases per criterion and per perspective,
    so a reader narrows the list by following a link, no script needed."""
    items = []
    for case in page.catalog.ordered_cases():
        size = size_figure(case)
        facts = "; ".join([CASE_KINDS[case.kind][page.lang], *([figure_text(size, page)] if size else [])])
        themes = ", ".join(criterion_link(page, c) for c in page.catalog.case_criteria(case)) or page.label("no_criteria")
        items.append(f"- **[{page.inline(case.name)}]({page.record_href('case', case.id)})** — {facts}\n\n    **{page.label('key_themes')}:** {themes}")
    by_criterion = [(criterion_link(page, c), page.catalog.links_to("criterion", c.id).cases) for c in page.catalog.ordered_criteria()]
    cases = page.catalog.ordered_cases()
    by_perspective = [
        (f"[{page.inline(p.title)}]({page.record_href('perspective', p.id)})", [c for c in cases if p in page.catalog.case_perspectives(c)])
        for p in page.catalog.ordered_perspectives()
    ]
    return join_lines(
        front_matter(page.label("cases_intro")),
        f"# {page.label('cases')}",
        page.label("cases_intro"),
        repeated(
            f"## {page.label('all_cases')} {{#all-cases}}",
            "\n\n".join(items),
            f"## {page.label('cases_by_criterion')} {{#by-criterion}}",
            cases_per_group(by_criterion, page),
            f"*{page.label('site_classification')}*",
            f"## {page.label('cases_by_perspective')} {{#by-perspective}}",
            cases_per_group(by_perspective, page),
        ),
    )


def cases_per_group(groups: list[tuple[str, list[Case]]], page: PageContext) -> str:
    """'- K1 Ownership: Bærum, Bergen …': each group's link, then the cases in it, linked."""
    lines = []
    for heading, cases in groups:
        if cases:
            names = ", ".join(f"[{page.inline(c.name)}]({page.record_href('case', c.id)})" for c in cases)
            lines.append(f"- **{heading}:** {names}")
    return "\n".join(lines)


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
