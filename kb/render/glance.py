"""A case in brief: the "at a glance" box that opens its page, the cases related to it, and the
figure that tells its size. Everything here is drawn from the case's own records, never written anew.
"""

from __future__ import annotations

from kb.labels import CASE_KINDS
from kb.model import Case, KeyFigure, Observation
from kb.render.common import PageContext, criterion_link, join_lines, repeated
from kb.render.excerpt import excerpt_in
from kb.render.figures import figure_value

# The fact boxes' labels (in the report's language) of the figures that tell an organisation's
# size, in order of preference: a municipality by its inhabitants, any organisation by its staff.
SIZE_LABELS = ("innbyggere", "medarbeidere")
GLANCE_FIGURES = 3
KEY_POINTS = 3
RELATED_CASES = 3


def size_figure(case: Case) -> KeyFigure | None:
    """The key figure that gives the case's size (inhabitants, else employees); None if it has none."""
    for word in SIZE_LABELS:
        for figure in case.key_figures:
            if figure.label.nb.lower().endswith(word):
                return figure
    return None


def figure_text(figure: KeyFigure, page: PageContext) -> str:
    """'Antall innbyggere: 279 914 (3. kvartal 2017)': the value as printed (in English number and
    date conventions on English pages, as in the fact box), with its label."""
    as_of = f" ({page.inline(figure.as_of)})" if figure.as_of else ""
    return f"{page.inline(figure.label)}: {figure_value(figure.value, page)}{as_of}"


def at_a_glance(case: Case, page: PageContext) -> str:
    """Who, what, a few key figures, the criteria it illustrates and its key points, in a region
    named by its heading (a screen reader lists it; nothing is said by layout alone)."""
    criteria = ", ".join(criterion_link(page, c) for c in page.catalog.case_criteria(case)) or page.label("no_criteria")
    perspectives = ", ".join(f"[{page.inline(p.short_title)}]({page.record_href('perspective', p.id)})" for p in page.catalog.case_perspectives(case))
    # A fact box's gap ("[…]", unreadable in the source) tells nothing at a glance; the table below shows it.
    figures = [figure_text(f, page) for f in case.key_figures if any(ch.isdigit() for ch in f.value)][:GLANCE_FIGURES]
    facts = [
        f"**{page.label('glance_who')}:** {CASE_KINDS[case.kind][page.lang]}",
        f"**{page.label('glance_what')}:** {excerpt_in(case.summary, page, most=1)}",
        f"**{page.label('key_figures')}:** {'; '.join(figures)}" if figures else None,
        f"**{page.label('perspectives')}:** {perspectives}" if perspectives else None,
        f"**{page.label('illustrates_criteria')}:** {criteria}",
    ]
    points = [
        f"{n}. [{page.inline(o.title)}]({page.record_href('case', case.id, o.id)}) — {page.inline(page.catalog.perspectives[o.perspective].short_title)}"
        for n, o in enumerate(key_points(case, page), start=1)
    ]
    return join_lines(
        '<section class="admonition abstract kb-glance" aria-labelledby="at-a-glance" markdown="1">',
        f"## {page.label('at_a_glance')} {{#at-a-glance}}",
        "\n".join(f"- {fact}" for fact in facts if fact),
        f"**{page.label('glance_key_points')}:**",
        "\n".join(points),
        "</section>",
    )


def key_points(case: Case, page: PageContext) -> list[Observation]:
    """The first observation of each perspective, in the report's order, topped up in order: the
    observations follow the report perspective by perspective, so the first three alone are all
    about leadership in six of the seven cases; one per perspective spans the case."""
    found = (next((o for o in case.observations if o.perspective == p.id), None) for p in page.catalog.case_perspectives(case))
    firsts = [o for o in found if o is not None]
    rest = [o for o in case.observations if o not in firsts]
    return (firsts + rest)[:KEY_POINTS]


def related_cases(case: Case, page: PageContext) -> str | None:
    """The cases that share the most criteria with this one, each with the shared criteria named."""
    own = {c.id for c in page.catalog.case_criteria(case)}
    ranked = []
    for position, other in enumerate(page.catalog.ordered_cases()):
        shared = [c for c in page.catalog.case_criteria(other) if c.id in own] if other.id != case.id else []
        if shared:
            ranked.append((-len(shared), position, other, shared))
    if not ranked:
        return None
    items = [
        f"- [{page.inline(other.name)}]({page.record_href('case', other.id)}) — {page.label('shared_criteria')}: "
        + ", ".join(criterion_link(page, c) for c in shared)
        for _, _, other, shared in sorted(ranked, key=lambda r: r[:2])[:RELATED_CASES]
    ]
    return repeated(f"## {page.label('related_cases')} {{#related-cases}}", "\n".join(items))
