"""The page of one case organisation."""

from __future__ import annotations

from kb.labels import LANGS
from kb.model import Case, KeyFigure, Programme
from kb.render.common import (
    PageContext,
    criterion_link,
    finding_link,
    front_matter,
    join_lines,
    markdown_literal,
    plain_excerpt,
    source_comment,
    text_in,
)
from kb.render.figures import figure_value
from kb.render.glance import at_a_glance, related_cases
from kb.render.quote import render_quote
from kb.render.source_language import mark_names


def render_case(case: Case, page: PageContext) -> str:
    catalog = page.catalog
    return join_lines(
        front_matter(plain_excerpt(text_in(case.summary, page.lang))),
        source_comment(catalog.sources[("case", case.id)]),
        f"# {page.inline(case.name)}",
        at_a_glance(case, page),
        key_figures(case.key_figures, page),
        f"## {page.label('summary')}",
        names_marked(page.block(case.summary), case, page),
        page.source_note(case.source_note),
        programmes(case, page),
        *perspective_sections(case, page),
        informants(case, page),
        findings(case, page),
        related_cases(case, page),
        page.pages(case.pages),
    )


def key_figures(figures: list[KeyFigure], page: PageContext) -> str | None:
    if not figures:
        return None
    has_notes = any(f.note for f in figures)
    header = [page.label("figure"), page.label("value"), page.label("as_of")] + ([page.label("note")] if has_notes else [])
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for figure in figures:
        cells = [page.inline(figure.label), figure_value(figure.value, page), page.inline(figure.as_of) if figure.as_of else page.label("not_stated")]
        if has_notes:
            cells.append(page.inline(figure.note) if figure.note else "")
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    pages = sorted({f.page for f in figures})
    return join_lines(f"## {page.label('key_figures')}", "\n".join(rows), f"*{page.label('key_figures_caption')} ({page.page_ref(pages)}).*")


def programmes(case: Case, page: PageContext) -> str | None:
    if not case.programmes:
        return None
    parts: list[str | None] = [f"### {page.label('programmes')}"]
    for programme in case.programmes:
        parts.append(f"#### {programme_heading(programme, page)}")
        parts.append(names_marked(page.block(programme.description), case, page) + f" *({page.page_ref(programme.page)})*")
        parts.append(page.source_note(programme.source_note))
    return join_lines(*parts)


def programme_heading(programme: Programme, page: PageContext) -> str:
    """The name as the report gives it; on another language's page marked as Norwegian and glossed."""
    gloss = getattr(programme.gloss, page.lang, None) if programme.gloss and page.lang != LANGS[0] else None
    if gloss is None:
        return markdown_literal(programme.name)
    return f'<span lang="{LANGS[0]}">{markdown_literal(programme.name)}</span> ({markdown_literal(gloss)})'


def names_marked(markdown: str, case: Case, page: PageContext) -> str:
    """On another language's page, the case's programme names in running text are marked as the
    source language's, as their headings are. Only glossed names: one without a gloss is a brand
    ("OsloOrigo"), the same in every language."""
    return mark_names(markdown, (markdown_literal(p.name) for p in case.programmes if p.gloss), page.lang)


def perspective_sections(case: Case, page: PageContext) -> list[str]:
    """One section per perspective, in the report's order: its observations, then its quotes."""
    sections = []
    for perspective in page.catalog.case_perspectives(case):
        parts: list[str | None] = [f"## {page.inline(perspective.title)}"]
        for observation in (o for o in case.observations if o.perspective == perspective.id):
            parts.append(f"### {page.inline(observation.title)} {{#{observation.id}}}")
            parts.append(names_marked(page.block(observation.text), case, page))
            parts.append(page.source_note(observation.source_note, own_title=observation.title_is_ours))
            criteria = [page.catalog.criteria[c] for c in observation.criteria]
            meta = ", ".join(criterion_link(page, c) for c in sorted(criteria, key=lambda c: c.number))
            line = f"*{page.page_ref(observation.pages)}*"
            parts.append((f"**{page.label('illustrates')}:** {meta} · " if meta else "") + line)
        for quote in (q for q in case.quotes if q.perspective == perspective.id):
            parts.append(render_quote(quote, case, page, anchor=True, link_case=False))
        sections.append(join_lines(*parts))
    return sections


def informants(case: Case, page: PageContext) -> str | None:
    if not case.informants:
        return None
    # An informant whose name may not be published is shown by role and organisation only.
    items = []
    for informant in case.informants:
        role = names_marked(page.inline(informant.role), case, page)
        who = f"{markdown_literal(informant.name)}, {role}" if informant.publish_name and informant.name else f"{role}, {page.inline(case.name)}"
        items.append(f"- {who}")
    note = page.inline(case.informants_note) if case.informants_note else None
    return join_lines(f"## {page.label('informants')}", "\n".join(items), note)


def findings(case: Case, page: PageContext) -> str | None:
    related = page.catalog.links_to("case", case.id).findings
    if not related:
        return None
    items = [f"- {finding_link(page, f)}" for f in related]
    return join_lines(f"## {page.label('findings')}", "\n".join(items))
