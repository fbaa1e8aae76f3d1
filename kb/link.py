"""Resolve every reference between records and compute the back-links, once.

The catalog is what renderers read: records by id plus the reverse indexes, so no page ever
has to search the whole content (that would make the build quadratic in the number of cases).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from kb.issues import Issue, Loc, did_you_mean
from kb.load import HandPage, RawRecord
from kb.markdown import BLOCK_NAMES, find_blocks, find_record_links
from kb.model import (
    Case,
    Criterion,
    Finding,
    Observation,
    Perspective,
    Quote,
    Record,
    Term,
)
from kb.validate import Validated, issue_at


@dataclass(frozen=True)
class Backlinks:
    observations: list[tuple[Case, Observation]] = field(default_factory=list)
    quotes: list[tuple[Case, Quote]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    @property
    def cases(self) -> list[Case]:
        """The cases behind the observations and quotes, each once, in first-seen order."""
        seen: dict[str, Case] = {}
        for case, _ in self.observations + self.quotes:
            seen.setdefault(case.id, case)
        return list(seen.values())

    def observations_by_case(self) -> list[tuple[Case, list[Observation]]]:
        """The observations grouped by case in one pass (a loop per case would be quadratic)."""
        groups: dict[str, tuple[Case, list[Observation]]] = {}
        for case, observation in self.observations:
            groups.setdefault(case.id, (case, []))[1].append(observation)
        return list(groups.values())


@dataclass
class Catalog:
    criteria: dict[str, Criterion]
    perspectives: dict[str, Perspective]
    cases: dict[str, Case]
    findings: dict[str, Finding]
    terms: dict[str, Term]
    sources: dict[tuple[str, str], str]  # (kind, id) -> record file, for "edit this page"
    backlinks: dict[tuple[str, str], Backlinks] = field(default_factory=lambda: defaultdict(Backlinks))

    def links_to(self, kind: str, record_id: str) -> Backlinks:
        """What points at a record; empty if nothing does (reading never adds an entry)."""
        return self.backlinks.get((kind, record_id)) or Backlinks()

    def by_kind(self, kind: str) -> dict[str, Record]:
        return {
            "criterion": self.criteria, "perspective": self.perspectives, "case": self.cases,
            "finding": self.findings, "term": self.terms,
        }[kind]

    def ordered_criteria(self) -> list[Criterion]:
        return sorted(self.criteria.values(), key=lambda c: c.number)

    def ordered_perspectives(self) -> list[Perspective]:
        return sorted(self.perspectives.values(), key=lambda p: (p.order, p.id))

    def ordered_cases(self) -> list[Case]:
        return sorted(self.cases.values(), key=lambda c: c.id)

    def ordered_findings(self) -> list[Finding]:
        return sorted(self.findings.values(), key=lambda f: ([int(n) for n in f.section.split(".") if n.isdigit()], f.id))

    def ordered_terms(self, lang: str) -> list[Term]:
        """Alphabetical in the page's language (Norwegian letters sort after z, as in Norwegian)."""
        def key(term: Term) -> str:
            text = (term.term.en if lang == "en" else None) or term.term.nb
            return text.lower().translate(str.maketrans({"æ": "{", "ø": "|", "å": "}"}))

        return sorted(self.terms.values(), key=key)

    def case_criteria(self, case: Case) -> list[Criterion]:
        """The criteria a case illustrates, through its observations and quotes, in report order."""
        ids = {c for o in case.observations for c in o.criteria} | {c for q in case.quotes for c in q.criteria}
        return [c for c in self.ordered_criteria() if c.id in ids]

    def case_perspectives(self, case: Case) -> list[Perspective]:
        ids = {o.perspective for o in case.observations} | {q.perspective for q in case.quotes}
        return [p for p in self.ordered_perspectives() if p.id in ids]


def link_records(validated: Validated, pages: list[HandPage]) -> tuple[Catalog, list[Issue]]:
    """The catalog with back-links, and an issue for every reference to an id that does not exist."""
    records = validated.records
    catalog = Catalog(
        criteria=records["criterion"],  # type: ignore[arg-type]
        perspectives=records["perspective"],  # type: ignore[arg-type]
        cases=records["case"],  # type: ignore[arg-type]
        findings=records["finding"],  # type: ignore[arg-type]
        terms=records["term"],  # type: ignore[arg-type]
        sources={key: raw.file.as_posix() for key, raw in validated.files.items()},
    )
    issues: list[Issue] = []
    for (kind, record_id), raw in sorted(validated.files.items()):
        record = catalog.by_kind(kind)[record_id]
        seen: set[tuple[Loc, str]] = set()
        for loc, ref_kind, ref_id in references(record):
            if ref_id not in validated.known_ids[ref_kind]:
                issues.append(unknown_id(raw, loc, ref_kind, ref_id, catalog))
            # A list that names the same record twice would show it twice on both pages.
            list_loc = loc[:-1] if isinstance(loc[-1], int) else loc
            if (list_loc, ref_id) in seen:
                issues.append(issue_at(raw, loc, f"{ref_kind} '{ref_id}' is listed twice", "remove one"))
            seen.add((list_loc, ref_id))
        issues += markdown_link_issues(raw, catalog, validated.known_ids)
    for page in pages:
        for name, line in find_blocks(page.text):
            if name not in BLOCK_NAMES:
                hint = did_you_mean(name, BLOCK_NAMES) or "known: " + ", ".join(BLOCK_NAMES)
                issues.append(Issue(page.file, (), f"unknown overview block 'kb:{name}'", hint, line=line))
        for link in find_record_links(page.text):
            if link.id not in validated.known_ids[link.kind]:
                line = page.text[: page.text.find(f"{link.kind}:{link.id}")].count("\n") + 1
                hint = did_you_mean(link.id, catalog.by_kind(link.kind))
                issues.append(Issue(page.file, (), f"unknown {link.kind} '{link.id}' in link", hint, line=line))
    add_backlinks(catalog)
    return catalog, issues


def references(record: Record) -> Iterator[tuple[Loc, str, str]]:
    """(location, kind, id) of every id a record points at."""
    if isinstance(record, Criterion):
        for i, p in enumerate(record.perspectives):
            yield ("perspectives", i), "perspective", p
    elif isinstance(record, Case):
        for i, o in enumerate(record.observations):
            yield ("observations", i, "perspective"), "perspective", o.perspective
            for j, c in enumerate(o.criteria):
                yield ("observations", i, "criteria", j), "criterion", c
        for i, q in enumerate(record.quotes):
            yield ("quotes", i, "perspective"), "perspective", q.perspective
            for j, c in enumerate(q.criteria):
                yield ("quotes", i, "criteria", j), "criterion", c
    elif isinstance(record, Term):
        for i, c in enumerate(record.criteria):
            yield ("criteria", i), "criterion", c
        for i, p in enumerate(record.perspectives):
            yield ("perspectives", i), "perspective", p
    elif isinstance(record, Finding):
        yield ("perspective",), "perspective", record.perspective
        for i, c in enumerate(record.criteria):
            yield ("criteria", i), "criterion", c
        for i, c in enumerate(record.cases):
            yield ("cases", i), "case", c


def unknown_id(raw: RawRecord, loc: Loc, kind: str, ref_id: str, catalog: Catalog) -> Issue:
    known = catalog.by_kind(kind)
    hint = did_you_mean(ref_id, known) or ("known: " + ", ".join(sorted(known)) if known else None)
    return issue_at(raw, loc, f"unknown {kind} '{ref_id}'", hint)


def markdown_link_issues(raw: RawRecord, catalog: Catalog, known_ids: dict[str, set[str]]) -> Iterator[Issue]:
    """Record links inside Markdown text must name records that exist (and anchors that exist)."""
    own_kind, own_id = raw.kind, raw.file.stem
    for loc, text in raw.strings():
        for link in find_record_links(text):
            if (link.kind, link.id) == (own_kind, own_id) and not link.anchor:
                yield issue_at(raw, loc, f"the text links to its own {own_kind} '{own_id}'", "link another record, or remove the link")
            elif link.id not in known_ids[link.kind]:
                yield unknown_id(raw, loc, link.kind, link.id, catalog)
            elif link.anchor and link.kind == "case" and link.id in catalog.cases and link.anchor not in case_anchors(catalog.cases[link.id]):
                hint = did_you_mean(link.anchor, case_anchors(catalog.cases[link.id]))
                yield issue_at(raw, loc, f"case '{link.id}' has no observation or quote '{link.anchor}'", hint)


def case_anchors(case: Case) -> set[str]:
    return {o.id for o in case.observations} | {q.id for q in case.quotes}


def add_backlinks(catalog: Catalog) -> None:
    """One pass over the content fills every reverse index: linear in its size."""
    for case in catalog.ordered_cases():
        for observation in case.observations:
            catalog.backlinks[("perspective", observation.perspective)].observations.append((case, observation))
            for c in observation.criteria:
                catalog.backlinks[("criterion", c)].observations.append((case, observation))
        for quote in case.quotes:
            catalog.backlinks[("perspective", quote.perspective)].quotes.append((case, quote))
            for c in quote.criteria:
                catalog.backlinks[("criterion", c)].quotes.append((case, quote))
    for finding in catalog.ordered_findings():
        catalog.backlinks[("perspective", finding.perspective)].findings.append(finding)
        for c in finding.criteria:
            catalog.backlinks[("criterion", c)].findings.append(finding)
        for c in finding.cases:
            catalog.backlinks[("case", c)].findings.append(finding)
    for criterion in catalog.ordered_criteria():
        for p in criterion.perspectives:
            catalog.backlinks[("perspective", p)].criteria.append(criterion)
    for term in catalog.ordered_terms("nb"):
        for c in term.criteria:
            catalog.backlinks[("criterion", c)].terms.append(term)
        for p in term.perspectives:
            catalog.backlinks[("perspective", p)].terms.append(term)
