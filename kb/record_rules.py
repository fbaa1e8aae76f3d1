"""The rules for one record that go beyond its shape, read from its raw data.

They run whatever shape the rest of the record has: a record with a misspelt field still has its
references, ids, informants and translations checked, so a file with several independent mistakes
reports all of them in one run (pydantic's check of the shape stops at the record as a whole).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kb.issues import Loc, did_you_mean
from kb.labels import LANGS
from kb.markdown import plain_text_problems
from kb.messages import msg
from kb.model import ID_PATTERN, Case, LongText, Term, Text, model_in, refers_kind

Problem = tuple[Loc, str, str | None]  # (where, message, hint)

ID = re.compile(ID_PATTERN)
# Readers know the criteria as K1–K9; editors may write a code where an id belongs (crosscheck names the id).
CRITERION_CODE = re.compile(r"^[Kk][1-9][0-9]?$")


def raw_fields(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, FieldInfo, Any]]:
    """(location, the model's field, the raw value) of every known field present in `data`, at
    any depth; values of the wrong shape are passed on as they are, and not entered."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value, where = data[name], loc + (name,)
        yield where, info, value
        nested = model_in(info.annotation)
        if nested is not None:
            items = enumerate(value) if isinstance(value, list) else [(None, value)]
            for i, item in items:
                yield from raw_fields(nested, item, where if i is None else where + (i,))


def raw_references(model: type[BaseModel], data: Any) -> Iterator[tuple[Loc, str, str]]:
    """(location, kind, id) of every well-formed id the record points at (a malformed one is a
    shape error already); a criterion code such as K3 counts, so the check can name its id."""
    for loc, info, value in raw_fields(model, data):
        kind = refers_kind(info)
        if kind is None:
            continue
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, str) and (ID.match(item) or (kind == "criterion" and CRITERION_CODE.match(item))):
                yield (loc if i is None else loc + (i,)), kind, item


def field_at(model: type[BaseModel], loc: Loc) -> FieldInfo | None:
    """The model's field at `loc` (list positions skipped), or None where the model has none."""
    current: type[BaseModel] | None = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        current = model_in(info.annotation)
    return info


def is_criterion_code(model: type[BaseModel], loc: Loc, value: Any) -> bool:
    """Whether `value` at `loc` is a criterion code (K3) in a criterion field: crosscheck reports
    it, naming the id, so the shape check does not report it a second time."""
    info = field_at(model, loc)
    return isinstance(value, str) and CRITERION_CODE.match(value) is not None and info is not None and refers_kind(info) == "criterion"


def text_pairs(model: type[BaseModel], data: Any) -> Iterator[tuple[Loc, dict[str, Any]]]:
    """(location, {lang: text}) of every text (a Text or LongText) with its source language written."""
    for loc, info, value in raw_fields(model, data):
        if model_in(info.annotation) not in (Text, LongText):
            continue
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, dict) and isinstance(item.get(LANGS[0]), str):
                yield (loc if i is None else loc + (i,)), item


def missing_translations(model: type[BaseModel], data: Any) -> Iterator[Loc]:
    """The location of every text a language other than the source one lacks."""
    for where, item in text_pairs(model, data):
        yield from (where + (lang,) for lang in LANGS[1:] if item.get(lang) is None)


def record_problems(model: type[BaseModel], data: Any) -> Iterator[Problem]:
    """Rules of one record beyond its shape."""
    if model is Case and isinstance(data, dict):
        yield from nested_id_problems(data)
        yield from informant_problems(data)
        yield from quote_speaker_problems(data)
        yield from reconstruction_problems(data)
    if model is Term and isinstance(data, dict):
        yield from search_word_problems(data)


def items_of(data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(name)
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []


def ids_of(data: dict[str, Any], name: str) -> list[tuple[int, str]]:
    return [(i, item["id"]) for i, item in items_of(data, name) if isinstance(item.get("id"), str)]


def nested_id_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """Observation and quote ids become anchors on one case page, so they share one namespace;
    informant ids are a namespace of their own (quotes name their speaker by it)."""
    for names in (("observations", "quotes"), ("informants",)):
        seen: dict[str, Loc] = {}
        for name in names:
            for i, item_id in ids_of(data, name):
                if item_id in seen:
                    first = seen[item_id]
                    yield (name, i, "id"), msg("duplicate id '{id}' in this case", id=item_id), msg("also used at {where}", where=f"{first[0]}[{first[1]}]")
                else:
                    seen[item_id] = (name, i)


def informant_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """The repository is public: a person who may not be named is recorded by role only."""
    for i, informant in items_of(data, "informants"):
        publish = informant.get("publish_name")
        if publish is False and "name" in informant:
            yield (
                ("informants", i, "name"),
                msg("the name of an informant with 'publish_name: false' may not be committed"),
                msg("delete the name: the repository is public; the role is enough"),
            )
        elif publish is True and informant.get("name") is None:
            yield ("informants", i, "name"), msg("required field is missing when 'publish_name' is true"), msg("add 'name:', or set 'publish_name: false'")


def quote_speaker_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """A quote names its speaker by an informant of the same case, or gives the report's attribution."""
    informants = [item_id for _, item_id in ids_of(data, "informants")]
    for i, quote in items_of(data, "quotes"):
        speaker = quote.get("informant")
        if isinstance(speaker, str) and ID.match(speaker) and speaker not in informants:
            known = msg("known: {names}", names=", ".join(informants)) if informants else msg("add the informant under 'informants:' first")
            yield ("quotes", i, "informant"), msg("unknown informant '{id}' in this case", id=speaker), did_you_mean(speaker, informants) or known
        if "informant" in quote and "attribution" in quote:
            hint = msg("delete 'attribution': it comes from the informant's record")
            yield ("quotes", i, "attribution"), msg("a quote has 'informant' or 'attribution', not both"), hint


# Quote repairs: "[…]" marks words left out, "⟨…⟩" words the source could not give legibly and that
# were reconstructed; a reconstruction says in its source note what it rests on.
RECONSTRUCTED = "⟨"


def reconstruction_problems(data: dict[str, Any]) -> Iterator[Problem]:
    for i, quote in items_of(data, "quotes"):
        text = quote.get("text")
        source = text.get(LANGS[0]) if isinstance(text, dict) else None
        if isinstance(source, str) and RECONSTRUCTED in source and not quote.get("source_note"):
            yield (
                ("quotes", i, "text", LANGS[0]),
                msg("reconstructed words (⟨…⟩) need a source note"),
                msg("add 'source_note:' saying what was reconstructed, and from what"),
            )


# A search word is what a reader types: a word or a short phrase. Quotation marks, punctuation and
# markup are never typed, so a word holding them would never be found.
SEARCH_WORD_MARKS = frozenset(" -'’")
# The separators of a list typed on one line ("nursing home, care home").
LIST_SEPARATORS = frozenset(",;/|")


def search_word_problems(data: dict[str, Any]) -> Iterator[Problem]:
    """A term's search words (per language) lead readers' everyday words to the term: plain words,
    each once, none of them the term or one of its variants (search finds those without help).
    One word may lead to several terms, so other terms' search words are not compared."""
    words = data.get("search_words")
    if not isinstance(words, dict):
        return
    for lang in LANGS:
        listed = words.get(lang)
        if not isinstance(listed, list):
            continue
        headword, variants = own_forms(data, lang)
        seen: dict[str, int] = {}
        for i, word in enumerate(listed):
            if not isinstance(word, str) or not word.strip():
                continue  # not a text, or an empty one: the shape check says so
            loc, key, shown = ("search_words", lang, i), search_key(word), word.strip()
            first = seen.setdefault(key, i)
            delete = msg("delete it: search finds the term's own forms without it")
            if problem := search_word_character_problem(word):
                yield loc, problem[0], problem[1]
            elif key == headword:
                yield loc, msg("search word '{word}' is the term itself", word=shown), delete
            elif key in variants:
                yield loc, msg("search word '{word}' is already one of the variants", word=shown), delete
            elif first != i:
                yield loc, msg("search word '{word}' is listed twice", word=shown), msg("also used at {where}", where=f"search_words.{lang}[{first}]")


def own_forms(data: dict[str, Any], lang: str) -> tuple[str | None, set[str]]:
    """The term's headword and its variants in `lang`, as search keys."""
    term, variants = data.get("term"), data.get("variants")
    headword = term.get(lang) if isinstance(term, dict) else None
    listed = variants.get(lang) if isinstance(variants, dict) else None
    forms = {search_key(v) for v in listed if isinstance(v, str)} if isinstance(listed, list) else set()
    return (search_key(headword) if isinstance(headword, str) else None), forms


def search_key(word: str) -> str:
    """A word as search compares it: case and runs of blanks make no difference."""
    return " ".join(word.split()).casefold()


def search_word_character_problem(word: str) -> tuple[str, str] | None:
    """The first character a reader would not type, with what to write instead. Markup and
    control or invisible characters have messages of their own (every text is checked for them)."""
    bad = next((c for c in word if not typed(c)), None)
    if bad is None or next(plain_text_problems(word), None) is not None:
        return None
    char = bad if bad.isprintable() and not bad.isspace() else f"U+{ord(bad):04X}"  # a no-break space is not seen
    message = msg("search word '{word}' has '{char}': only letters, digits, spaces, hyphens and apostrophes are allowed", word=word.strip(), char=char)
    if bad in LIST_SEPARATORS:
        return message, msg("put each word in a list item of its own")
    example = " ".join("".join(c if typed(c) else " " for c in word).split())
    return message, msg("write it as readers type it, e.g. '{example}'", example=example) if example else msg("write it as readers type it")


def typed(char: str) -> bool:
    """A letter (with its accents), a digit, a blank, a hyphen or an apostrophe."""
    return unicodedata.category(char)[0] in "LNM" or char in SEARCH_WORD_MARKS
