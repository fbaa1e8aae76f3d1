"""One terminology in every language: the glossary records are the termbase.

Where a source-language text uses a glossary term (its headword or a variant, in any inflection),
the translation beside it must use that term's form in its language (or one of its variants there).
A translation that says it another way is a warning, an error in CI (--strict).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from kb.issues import Loc
from kb.labels import LANGS, LANGUAGES
from kb.messages import Msg, msg
from kb.record_rules import Problem, text_pairs

TERM_KIND = "term"
# An inflection adds a few letters (gevinst, gevinsten, gevinstene); a compound adds a word, and is
# another term (gevinstrealisering is not a form of gevinst).
INFLECTION = r"\w{0,3}"


@dataclass(frozen=True)
class Term:
    id: str
    file: str
    forms: dict[str, tuple[str, ...]]  # lang -> headword first, then the variants


def forms_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    # A line break or two spaces may fall between the words of a form (Markdown texts keep them).
    words = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words}){INFLECTION}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Termbase:
    terms: tuple[Term, ...]

    @property
    def digest(self) -> str:
        """Changes when any term changes: every record's terminology must then be checked again."""
        text = json.dumps([[t.id, t.file, sorted(t.forms.items())] for t in self.terms], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def problems(self, model: type[BaseModel], data: Any) -> Iterator[Problem]:
        """Each translation that does not use the glossary's form of a term its source text uses."""
        if not self.terms:
            return
        patterns = [(term, {lang: forms_pattern(forms) for lang, forms in term.forms.items() if forms}) for term in self.terms]
        for loc, text in text_pairs(model, data):
            source = visible(text[LANGS[0]])
            for term, by_lang in patterns:
                if LANGS[0] not in by_lang or not by_lang[LANGS[0]].search(source):
                    continue
                for lang in LANGS[1:]:
                    translation = text.get(lang)
                    if isinstance(translation, str) and lang in by_lang and not by_lang[lang].search(visible(translation)):
                        yield mismatch(loc + (lang,), term, lang)


# A link's target is not text a reader reads: `[Testby](criterion:eierskap)` does not use "eierskap".
LINK_TARGET = re.compile(r"\]\([^()\s]*\)")


def visible(text: str) -> str:
    return LINK_TARGET.sub("]", text)


def mismatch(loc: Loc, term: Term, lang: str) -> Problem:
    source, other = Msg(LANGUAGES[LANGS[0]].language.english_name), Msg(LANGUAGES[lang].language.english_name)
    message = msg(
        "the {source} uses the glossary term '{term}': the {other} should say '{form}'",
        source=source,
        term=term.forms[LANGS[0]][0],
        other=other,
        form=term.forms[lang][0],
    )
    return loc, message, msg("as {file} has it, or add the form used here to its variants", file=term.file)


def termbase_from(glossary: list[tuple[Path, Any]]) -> Termbase:
    """The terms of the glossary records that could be read ((file, raw data) pairs); a broken
    record has its own errors and adds no term."""
    terms = []
    for file, data in glossary:
        if not isinstance(data, dict) or not isinstance(data.get("term"), dict) or not isinstance(data.get("id"), str):
            continue
        variants: dict[str, Any] = data["variants"] if isinstance(data.get("variants"), dict) else {}
        forms: dict[str, tuple[str, ...]] = {}
        for lang in LANGS:
            headword = data["term"].get(lang)
            extra: list[Any] = variants[lang] if isinstance(variants.get(lang), list) else []
            if isinstance(headword, str) and headword.strip():
                forms[lang] = (headword.strip(), *(v.strip() for v in extra if isinstance(v, str) and v.strip()))
        terms.append(Term(data["id"], file.as_posix(), forms))
    return Termbase(tuple(sorted(terms, key=lambda t: t.id)))
