"""Turn raw records into model objects, and say precisely what is wrong with those that aren't.

Checks here need one record (or one hand-written page) at a time. Ids, numbers and references
between records are checked on the records' facts by `kb/crosscheck.py`, which sees them all.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from kb.explain import explain, is_explained_by_a_typo
from kb.facts import RecordFacts, record_facts
from kb.issues import Issue, Loc, Severity, did_you_mean
from kb.load import RawRecord, Sources, load_record
from kb.markdown import markdown_problems, relative_link_targets, split_front_matter
from kb.model import RECORD_KINDS, Case, LongText, Record, Text


def check_record_file(kind: str, rel: Path, data: bytes) -> tuple[Record | None, RecordFacts]:
    """One record file read and checked on its own: the record (if its shape is right) and its facts."""
    issues: list[Issue] = []
    raw = load_record(kind, rel, data, issues)
    record = None
    if raw is not None:
        record, more = validate_record(raw)
        issues += more
    return record, record_facts(kind, rel, issues, raw, record)


def validate_record(raw: RawRecord) -> tuple[Record | None, list[Issue]]:
    """The record if its shape is right (it may still have other errors, in `issues`), and the issues."""
    model = RECORD_KINDS[raw.kind][1]
    # Unsafe Markdown is looked for in every text, whatever field it is in.
    issues = [issue_at(raw, loc, message, hint) for loc, text in raw.texts for message, hint in markdown_problems(text)]
    try:
        record = model.model_validate(raw.data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        for err in errors:
            if not is_explained_by_a_typo(err, errors, model):
                message, hint = explain(model, err)
                issues.append(issue_at(raw, tuple(err["loc"]), message, hint))
        return None, issues
    issues += [issue_at(raw, loc, message, hint) for loc, message, hint in nested_id_problems(record)]
    issues += [
        issue_at(raw, loc, "English translation is missing", "add 'en:' next to 'nb:'", Severity.WARNING)
        for loc in missing_english(record, ())
    ]
    return record, issues


def issue_at(raw: RawRecord, loc: Loc, message: str, hint: str | None = None, severity=Severity.ERROR) -> Issue:
    return Issue(raw.file, loc, message, hint, severity, raw.line_of(loc))


def nested_id_problems(record: Record) -> Iterator[tuple[Loc, str, str | None]]:
    """Observation and quote ids become anchors on one case page, so they share one namespace."""
    if not isinstance(record, Case):
        return
    seen: dict[str, Loc] = {}
    items = [("observations", i, o.id) for i, o in enumerate(record.observations)]
    items += [("quotes", i, q.id) for i, q in enumerate(record.quotes)]
    for name, i, item_id in items:
        if item_id in seen:
            first = seen[item_id]
            yield (name, i, "id"), f"duplicate id '{item_id}' in this case", f"also used at {first[0]}[{first[1]}]"
        else:
            seen[item_id] = (name, i)


def missing_english(value: Any, loc: Loc) -> Iterator[Loc]:
    if isinstance(value, (Text, LongText)):
        if value.en is None:
            yield loc + ("en",)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from missing_english(getattr(value, name), loc + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from missing_english(item, loc + (i,))


def check_hand_pages(sources: Sources) -> Iterator[Issue]:
    """A hand-written page must exist in both languages, under the same name, with readable front matter."""
    by_lang = {lang: {p.path for p in sources.pages if p.lang == lang} for lang in ("nb", "en")}
    for page in sources.pages:
        try:
            meta, _body = split_front_matter(page.text)
        except ValueError as error:
            yield Issue(page.file, (), str(error).split("\n")[0], "quote the value: description: \"…\"", line=1)
        else:
            unknown = sorted(set(meta) - {"description"})
            if unknown:
                yield Issue(page.file, (), f"unknown front matter field '{unknown[0]}'", did_you_mean(unknown[0], ["description"]) or "only 'description' is used", line=1)
        for message, hint in markdown_problems(page.text, page=True):
            yield Issue(page.file, (), message, hint)
        for target in relative_link_targets(page.text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target.split("#")[0]))
            if resolved.startswith("../") or resolved == ".." or target.startswith("/"):
                yield Issue(page.file, (), f"link '{target}' leads outside the site", "link a page of the site, e.g. about.md")
        other = "en" if page.lang == "nb" else "nb"
        if page.path not in by_lang[other]:
            yield Issue(page.file, (), f"page has no {other} version", f"add content/{other}/{page.path}")
