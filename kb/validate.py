"""Turn raw records into model objects, and say precisely what is wrong with those that aren't.

Checks here need one record (or one hand-written page) at a time. Ids, numbers and references
between records are checked on the records' facts by `kb/crosscheck.py`, which sees them all.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kb.explain import explain, is_explained_by_a_typo
from kb.facts import RecordFacts, record_facts
from kb.front_matter import FrontMatter, multimarkdown_problem, read_front_matter
from kb.issues import Issue, Loc, Severity, did_you_mean
from kb.kinds import record_kind
from kb.labels import LANGS, LANGUAGES
from kb.load import HandPage, RawRecord, Sources, load_record
from kb.markdown import INVISIBLE, invisible_problem, markdown_problems, plain_text_problems, relative_link_targets
from kb.messages import Msg, msg
from kb.model import KindRecord, LongText, Record, model_in
from kb.record_rules import is_criterion_code, missing_translations, record_problems
from kb.render.site import generated_path_taken
from kb.terminology import Termbase


def check_record_file(kind: str, rel: Path, data: bytes, *, termbase: Termbase | None = None) -> tuple[KindRecord | None, RecordFacts]:
    """One record file read and checked on its own (and its translations against the glossary's
    terms): the record (if its shape is right) and its facts."""
    issues: list[Issue] = []
    raw = load_record(kind, rel, data, issues)
    record = None
    if raw is not None:
        record, more = validate_record(raw)
        issues += more
        if termbase is not None:
            model = record_kind(kind).model
            issues += [issue_at(raw, loc, message, hint, Severity.WARNING) for loc, message, hint in termbase.problems(model, raw.data)]
    return record, record_facts(kind, rel, issues, raw, record)


def validate_record(raw: RawRecord) -> tuple[KindRecord | None, list[Issue]]:
    """The record if its shape is right (it may still have other errors, in `issues`), and the
    issues: every rule runs on whatever could be read, so one run reports every mistake."""
    model = record_kind(raw.kind).model
    issues = list(text_problems(raw, model))
    issues += [issue_at(raw, loc, message, hint) for loc, message, hint in record_problems(model, raw.data)]
    issues += [translation_missing(raw, loc) for loc in missing_translations(model, raw.data)]
    try:
        return model.model_validate(raw.data), issues
    except ValidationError as error:
        errors = error.errors(include_url=False)
        for err in errors:
            if not (is_explained_by_a_typo(err, errors, model) or is_criterion_code(model, tuple(err["loc"]), err.get("input"))):
                message, hint = explain(model, err)
                issues.append(issue_at(raw, tuple(err["loc"]), message, hint))
        return None, issues


def issue_at(raw: RawRecord, loc: Loc, message: str, hint: str | None = None, severity=Severity.ERROR) -> Issue:
    return Issue(raw.file, loc, message, hint, severity, raw.line_of(loc))


def text_problems(raw: RawRecord, model: type[Record]) -> Iterator[Issue]:
    """Every text, whatever its field: Markdown fields may hold safe Markdown, plain-text fields
    (titles, names, labels) plain text only. Invisible characters in Markdown are a warning."""
    for loc, text in raw.texts:
        markdown = is_markdown_field(model, loc)
        for message, hint in markdown_problems(text) if markdown else plain_text_problems(text):
            yield issue_at(raw, loc, message, hint)
        if markdown and not INVISIBLE.isdisjoint(text):
            yield issue_at(raw, loc, *invisible_problem(text), Severity.WARNING)


@functools.lru_cache(maxsize=4096)
def _markdown_field(model: type[BaseModel], shape: Loc) -> bool:
    current: type[BaseModel] | None = model
    for part in shape[:-1]:
        if isinstance(part, int) or current is None:
            continue  # a list item: the list's own type decides
        field = current.model_fields.get(part)
        current = field and model_in(field.annotation)
    return current is LongText


def is_markdown_field(model: type[BaseModel], loc: Loc) -> bool:
    """Whether the text at `loc` is a Markdown text (a `LongText`) rather than plain text.
    Unknown fields count as plain text: the stricter rule."""
    return _markdown_field(model, tuple(0 if isinstance(part, int) else part for part in loc))


def translation_missing(raw: RawRecord, loc: Loc) -> Issue:
    """A warning (an error with --strict): drafts may lack a translation, the published site may not."""
    lang = str(loc[-1])
    message = msg("{language} translation is missing", language=Msg(LANGUAGES[lang].language.english_name))
    return issue_at(raw, loc, message, msg("add '{lang}:' next to '{source}:'", lang=lang, source=LANGS[0]), Severity.WARNING)


PAGE_META_FIELDS = ("description",)
MAX_DESCRIPTION = 300


def check_hand_pages(sources: Sources) -> Iterator[Issue]:
    """A hand-written page must exist in both languages, under the same name, with readable front
    matter holding only known fields in plain text, and safe Markdown."""
    by_lang = {lang: {p.path for p in sources.pages if p.lang == lang} for lang in LANGS}
    for page in sources.pages:
        issues: list[Issue] = []
        front = read_front_matter(page.file, page.text, issues)
        yield from issues
        yield from page_meta_problems(page, front)
        if problem := multimarkdown_problem(page.file, front):
            yield problem
        for message, hint in markdown_problems(front.body, page=True):
            yield Issue(page.file, (), message, hint)
        yield from invisible_in_page(page, front)
        for target in relative_link_targets(front.body):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target.split("#")[0]))
            if resolved.startswith("../") or resolved == ".." or target.startswith("/"):
                yield Issue(page.file, (), msg("link '{target}' leads outside the site", target=target), msg("link a page of the site, e.g. about.md"))
        if generated_path_taken(page.path):
            yield Issue(page.file, (), msg("'{path}' is the path of a generated page", path=page.path), msg("choose another file name"))
        for other in LANGS:
            if page.path not in by_lang[other]:
                hint = msg("add content/{lang}/{path}", lang=other, path=page.path)
                yield Issue(page.file, (), msg("page has no {lang} version", lang=other), hint)


def page_meta_problems(page: HandPage, front: FrontMatter) -> Iterator[Issue]:
    for key, value in front.meta.items():
        line = front.lines.get((key,), 1)
        if key not in PAGE_META_FIELDS:
            suggestion = did_you_mean(key, PAGE_META_FIELDS) or msg("only 'description' is used")
            yield Issue(page.file, (key,), msg("unknown front matter field '{name}'", name=key), suggestion, line=line)
        elif not isinstance(value, str):
            yield Issue(page.file, (key,), msg("expected plain text"), msg('write one sentence, e.g. description: "…"'), line=line)
        else:
            if len(value) > MAX_DESCRIPTION:
                too_long = msg("text is longer than {count} characters", count=str(MAX_DESCRIPTION))
                yield Issue(page.file, (key,), too_long, msg("shorten it"), line=line)
            for message, hint in plain_text_problems(value):
                yield Issue(page.file, (key,), message, hint, line=line)


def invisible_in_page(page: HandPage, front: FrontMatter) -> Iterator[Issue]:
    """Invisible characters: refused in headings (they become titles), a warning elsewhere."""
    if INVISIBLE.isdisjoint(front.body):
        return
    for number, line in enumerate(front.body.split("\n"), front.body_line):
        if not INVISIBLE.isdisjoint(line):
            heading = line.lstrip().startswith("#")
            severity = Severity.ERROR if heading else Severity.WARNING
            yield Issue(page.file, (), *invisible_problem(line), severity, line=number)
