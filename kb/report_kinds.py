"""The five kinds of record of this knowledge base, as the registry (`kb/kinds.py`) declares them.

A module of its own, read by the registry when it is first used: the renderers named here read the
registry themselves, so this is imported only once the registry exists."""

from __future__ import annotations

from kb.kinds import RecordKind, alphabetical_term, section_order
from kb.model import Case, Criterion, Finding, Perspective, Term
from kb.render.case import render_case
from kb.render.common import criterion_code, text_in
from kb.render.criterion import render_criterion
from kb.render.finding import render_finding
from kb.render.glossary import render_glossary
from kb.render.indexes import render_cases_index, render_criteria_index, render_findings_index, render_perspectives_index
from kb.render.perspective import render_perspective

REPORT_KINDS: list[RecordKind] = [
    RecordKind(
        "criterion",
        "criteria",
        Criterion,
        "criteria",
        "criteria",
        "criteria",
        "criteria",
        render_criteria_index,
        render_criterion,
        lambda c, lang: f"{criterion_code(c.number)} {text_in(c.short_title, lang)}",
        order=lambda c, lang: c.number,
        nav_position=1,
        numbered=True,
    ),
    RecordKind(
        "perspective",
        "perspectives",
        Perspective,
        "content/perspectives",
        "perspectives",
        "perspectives",
        "perspectives",
        render_perspectives_index,
        render_perspective,
        lambda p, lang: text_in(p.title, lang),
        order=lambda p, lang: (p.order, p.id),
        nav_position=3,
    ),
    # Informants are published in files of their own, so an unpublished name cannot travel with its case.
    RecordKind(
        "case",
        "cases",
        Case,
        "cases",
        "cases",
        "cases",
        "cases",
        render_cases_index,
        render_case,
        lambda c, lang: text_in(c.name, lang),
        nav_position=2,
        export_exclude=frozenset({"informants"}),
    ),
    RecordKind(
        "finding",
        "findings",
        Finding,
        "content/findings",
        "findings",
        "findings",
        "findings",
        render_findings_index,
        render_finding,
        lambda f, lang: f"{f.section} {text_in(f.title, lang)}",
        order=section_order,
        nav_position=4,
    ),
    RecordKind(
        "term",
        "terms",
        Term,
        "content/glossary",
        "glossary",
        "glossary",
        "glossary",
        render_glossary,
        None,
        lambda t, lang: text_in(t.term, lang),
        order=alphabetical_term,
        nav_position=5,
    ),
]
