"""The catalog: the records that get a page, and their back-links, computed once.

The catalog is what renderers read: records by id plus the reverse indexes, so no page ever
has to search the whole content (that would make the build quadratic in the number of cases).
Whether the references between records are right is checked before, on facts (`crosscheck.py`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kb.kinds import record_kind
from kb.labels import LANGS, Lang
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


def _records_of(kind: str) -> property:
    return property(lambda catalog: catalog.records[kind], doc=f"The {kind} records by id.")


@dataclass
class Catalog:
    records: dict[str, dict[str, Record]]  # kind -> id -> record, for every kind in the registry
    sources: dict[tuple[str, str], str]  # (kind, id) -> record file, for "edit this page"
    backlinks: dict[tuple[str, str], Backlinks] = field(default_factory=lambda: defaultdict(Backlinks))
    # What is derived from the whole catalog once and read by many pages (the open data), kept with
    # the catalog it comes from: it lives and dies with it, and no module keeps state of its own.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def links_to(self, kind: str, record_id: str) -> Backlinks:
        """What points at a record; empty if nothing does (reading never adds an entry)."""
        return self.backlinks.get((kind, record_id)) or Backlinks()

    def by_kind(self, kind: str) -> dict[str, Record]:
        return self.records[kind]

    def ordered(self, kind: str, lang: Lang = LANGS[0]) -> list[Any]:
        """The records of a kind in its order (in `lang`, for a kind ordered by its text)."""
        key = record_kind(kind).order
        return sorted(self.records[kind].values(), key=lambda record: key(record, lang))

    # The names the renderers of this knowledge base's own kinds use (not annotated: they are
    # views of `records`, not fields). `ordered_terms(lang)`: alphabetical in that language.
    criteria = _records_of("criterion")
    perspectives = _records_of("perspective")
    cases = _records_of("case")
    findings = _records_of("finding")
    terms = _records_of("term")
    ordered_criteria = functools.partialmethod(ordered, "criterion")
    ordered_perspectives = functools.partialmethod(ordered, "perspective")
    ordered_cases = functools.partialmethod(ordered, "case")
    ordered_findings = functools.partialmethod(ordered, "finding")
    ordered_terms = functools.partialmethod(ordered, "term")

    def case_criteria(self, case: Case) -> list[Criterion]:
        """The criteria a case illustrates, through its observations and quotes, in report order."""
        ids = {c for o in case.observations for c in o.criteria} | {c for q in case.quotes for c in q.criteria}
        return [c for c in self.ordered_criteria() if c.id in ids]

    def case_perspectives(self, case: Case) -> list[Perspective]:
        ids = {o.perspective for o in case.observations} | {q.perspective for q in case.quotes}
        return [p for p in self.ordered_perspectives() if p.id in ids]


def build_catalog(records: Mapping[str, Mapping[str, Record]], sources: dict[tuple[str, str], str]) -> Catalog:
    """The catalog of the records that get a page, with every back-link filled in."""
    catalog = Catalog({kind: dict(by_id) for kind, by_id in records.items()}, sources)
    add_backlinks(catalog)
    return catalog


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
    for term in catalog.ordered_terms(LANGS[0]):
        for c in term.criteria:
            catalog.backlinks[("criterion", c)].terms.append(term)
        for p in term.perspectives:
            catalog.backlinks[("perspective", p)].terms.append(term)
