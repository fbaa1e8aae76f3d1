"""What the checks across records need to know about one record file, taken from that file alone.

Facts depend on nothing but the file's bytes (and this code), so they can be kept under the file's
content hash and reused until it changes (`kb/cache.py`). The checks that need every record
(`kb/crosscheck.py`: duplicate ids, criterion numbers, references) read facts only, never the
records, so a repeated `validate` parses only the files an editor changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from kb.issues import Excerpt, Issue, Loc, Severity
from kb.kinds import record_kind
from kb.load import RawRecord
from kb.markdown import find_record_links
from kb.messages import Msg, message_from_json, message_to_json, msg
from kb.model import Case, KindRecord
from kb.record_rules import ids_of, raw_references


class Reference(NamedTuple):  # a tuple, not a dataclass: a large site has hundreds of thousands
    """An id a record points at: in an id field, or as a Markdown record link inside a text."""

    loc: Loc
    kind: str
    id: str
    line: int
    anchor: str | None = None  # `[…](case:bergen#anchor)`: only links in text have one


@dataclass(frozen=True)
class RecordFacts:
    kind: str
    file: Path  # relative to the repository root
    issues: tuple[Issue, ...]  # the file's own problems: unreadable YAML, shape, Markdown, translation
    id: str | None = None  # the id the record declares; None when the file is not a valid record
    id_line: int = 1
    number: int | None = None  # a numbered kind's number (a criterion's)
    number_line: int = 1
    anchors: frozenset[str] = frozenset()  # a case's observation and quote ids
    references: tuple[Reference, ...] = ()  # ids in id fields (`criteria: [...]`)
    links: tuple[Reference, ...] = ()  # record links in texts

    @property
    def shown(self) -> bool:
        """The record gets a page: it is valid on its own and its id is its file name."""
        return self.id == self.file.stem and not any(i.severity is Severity.ERROR for i in self.issues)


def record_facts(kind: str, file: Path, issues: list[Issue], raw: RawRecord | None, record: KindRecord | None) -> RecordFacts:
    """The facts of a record file, from its raw data: a record with a mistake in its shape still
    has its id, number and references checked against the others."""
    if raw is None:
        return RecordFacts(kind, file, tuple(issues))
    model, data = record_kind(kind).model, raw.data
    record_id = data.get("id") if isinstance(data.get("id"), str) else None
    number = data.get("number") if record_kind(kind).numbered and type(data.get("number")) is int else None
    anchors = frozenset(item_id for name in ("observations", "quotes") for _, item_id in ids_of(data, name)) if model is Case else frozenset()
    references = [Reference(loc, ref_kind, ref_id, raw.line_of(loc)) for loc, ref_kind, ref_id in raw_references(model, data)]
    links = [Reference(loc, link.kind, link.id, raw.line_of(loc), link.anchor) for loc, text in raw.texts for link in find_record_links(text)]
    issues = issues + list(listed_twice(file, references))
    return RecordFacts(kind, file, tuple(issues), record_id, raw.line_of(("id",)), number, raw.line_of(("number",)), anchors, tuple(references), tuple(links))


def listed_twice(file: Path, references: list[Reference]) -> Iterator[Issue]:
    """A list that names the same record twice would show it twice, on both records' pages."""
    seen: set[tuple[Loc, str]] = set()
    for ref in references:
        list_loc = ref.loc[:-1] if isinstance(ref.loc[-1], int) else ref.loc
        if (list_loc, ref.id) in seen:
            yield Issue(file, ref.loc, msg("{kind} '{id}' is listed twice", kind=Msg(ref.kind), id=ref.id), msg("remove one"), line=ref.line)
        seen.add((list_loc, ref.id))


# JSON for the cache: plain lists, read back without trusting anything but the shape. A
# reference is one flat list, [kind, id, line, *loc] (links: [kind, id, anchor, line, *loc]),
# because the cache of a large site holds hundreds of thousands and reading it must stay quick.


def facts_to_json(facts: RecordFacts) -> dict[str, Any]:
    return {
        "kind": facts.kind,
        "issues": [issue_to_json(i) for i in facts.issues],
        "id": facts.id,
        "id_line": facts.id_line,
        "number": facts.number,
        "number_line": facts.number_line,
        "anchors": sorted(facts.anchors),
        "references": [[r.kind, r.id, r.line, *r.loc] for r in facts.references],
        "links": [[r.kind, r.id, r.anchor, r.line, *r.loc] for r in facts.links],
    }


def facts_from_json(file: Path, data: dict[str, Any]) -> RecordFacts:
    """Raises KeyError, TypeError or ValueError when `data` is not what `facts_to_json` wrote."""
    return RecordFacts(
        str(data["kind"]),
        file,
        tuple(issue_from_json(i) for i in data["issues"]),
        data["id"],
        int(data["id_line"]),
        data["number"],
        int(data["number_line"]),
        frozenset(data["anchors"]),
        tuple(Reference(tuple(loc), kind, ref_id, line) for kind, ref_id, line, *loc in data["references"]),
        tuple(Reference(tuple(loc), kind, ref_id, line, anchor) for kind, ref_id, anchor, line, *loc in data["links"]),
    )


def issue_to_json(issue: Issue) -> list[Any]:
    # Messages keep their template and parameters: the next run may say them in another language.
    excerpt = list(issue.excerpt) if issue.excerpt else None
    return [
        issue.file.as_posix(),
        list(issue.loc),
        message_to_json(issue.message),
        message_to_json(issue.hint),
        issue.severity.value,
        issue.line,
        issue.column,
        excerpt,
    ]


def issue_from_json(data: list[Any]) -> Issue:
    file, loc, message, hint, severity, line, column, excerpt = data
    excerpt = Excerpt(str(excerpt[0]), int(excerpt[1])) if excerpt is not None else None
    return Issue(Path(file), tuple(loc), message_from_json(message), message_from_json(hint), Severity(severity), line, column, excerpt)
