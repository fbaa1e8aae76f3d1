"""The page of one success criterion, with the evidence the cases give for it."""

from __future__ import annotations

from kb.model import Criterion
from kb.render.common import (
    PageContext,
    criterion_code,
    finding_link,
    front_matter,
    join_lines,
    key_terms,
    plain_excerpt,
    repeated,
    source_comment,
    text_in,
)
from kb.render.excerpt import excerpt_in
from kb.render.quote import render_quote
from kb.render.redirects import short_path


def render_criterion(criterion: Criterion, page: PageContext) -> str:
    catalog = page.catalog
    links = catalog.links_to("criterion", criterion.id)
    perspectives = ", ".join(f"[{page.inline(catalog.perspectives[p].short_title)}]({page.record_href('perspective', p)})" for p in criterion.perspectives)
    return join_lines(
        front_matter(plain_excerpt(text_in(criterion.summary, page.lang))),
        source_comment(catalog.sources[("criterion", criterion.id)]),
        f"# {criterion_code(criterion.number)} – {page.inline(criterion.title)}",
        page.block(criterion.summary),
        # The short name the navigation, the matrix and other pages' links use: on the page itself
        # too, so that a reader (and the search) who knows the criterion by it finds it here.
        f"**{page.label('short_name')}:** {criterion_code(criterion.number)} {page.inline(criterion.short_title)}  \n"
        f"**{page.label('perspective')}:** {perspectives}  \n**{page.label('short_link')}:** {short_link(criterion, page)}",
        key_terms(links.terms, page),
        join_lines(f"## {page.label('meaning')}", page.block(criterion.meaning)) if criterion.meaning else None,
        join_lines(f"## {page.label('rationale')}", page.block(criterion.rationale)) if criterion.rationale else None,
        repeated(
            how_cases_did_it(criterion, page),
            join_lines(
                f"## {page.label('related_quotes')}",
                *(render_quote(q, case, page, anchor=False, link_case=True) for case, q in links.quotes),
            )
            if links.quotes
            else None,
        ),
        join_lines(
            f"## {page.label('related_findings')}",
            "\n".join(f"- {finding_link(page, f)}" for f in links.findings),
        )
        if links.findings
        else None,
        page.source_note(criterion.source_note),
        page.pages(criterion.pages),
    )


def how_cases_did_it(criterion: Criterion, page: PageContext) -> str:
    """Each illustrating observation, grouped by case: its title, its first sentence(s) and a link
    to the whole text at its exact place on the case page."""
    links = page.catalog.links_to("criterion", criterion.id)
    parts = [f"## {page.label('how_cases_did_it')}"]
    if not links.observations:
        parts.append(page.label("no_observations"))
    for case, observations in links.observations_by_case():
        parts.append(f"### [{page.inline(case.name)}]({page.record_href('case', case.id)}) {{#case-{case.id}}}")
        items = []
        for observation in observations:
            perspective = page.catalog.perspectives[observation.perspective]
            href = page.record_href("case", case.id, observation.id)
            # The first sentence(s) in place, so the answer is read here; the whole text one link away.
            items.append(
                f"- **[{page.inline(observation.title)}]({href})** — {page.inline(perspective.short_title)}, {page.page_ref(observation.pages)}\n\n"
                # The link names its target for screen readers and link lists, not only "Read more".
                f"    {excerpt_in(observation.text, page)} "
                f'[{page.label("read_more")}<span class="kb-sr-only">: {page.inline(observation.title)}</span>]({href})'
            )
        parts.append("\n\n".join(items))
    return join_lines(*parts)


def short_link(criterion: Criterion, page: PageContext) -> str:
    """The stable /k1/ address, shown in full where the site's address is known."""
    path = short_path(criterion.number)
    shown = (page.site_url.rstrip("/") + "/" + path.removesuffix("index.html")) if page.site_url else path.removesuffix("index.html")
    return f"[{shown}]({page.href(path)})"
