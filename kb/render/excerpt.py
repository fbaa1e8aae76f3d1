"""The first sentence(s) of a record's Markdown text as plain text: what a reader sees in place
on an overview before following "read more" to the whole text."""

from __future__ import annotations

import re

from kb.model import LongText
from kb.render.common import PageContext, language_shown, markdown_literal

# Links (record links included) keep their text; every pattern here is linear: no class holds its opener.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_LIST_MARK = re.compile(r"(?m)^[ \t]*(?:[-+*]|\d+[.)])[ \t]+")
_EMPHASIS = re.compile(r"[*_`#>]+")
_ESCAPE = re.compile(r"\\(.)")
# A sentence ends at . ! ? (maybe closed by a quote or bracket) before a blank and a capital,
# a digit or an opening quote: "3. kvartal" and "bl.a. digitalisering" run on.
_SENTENCE_END = re.compile(r"[.!?][»”\")]?(?= [A-ZÆØÅ0-9«“\"(])")
# Abbreviations the records use before a capital or a figure, which end no sentence.
_ABBREVIATIONS = ("f.eks.", "bl.a.", "ca.", "dvs.", "mv.", "jf.", "s.", "nr.", "kap.", "e.g.", "i.e.", "p.", "pp.", "no.", "cf.")


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees: links as their text, no emphasis, lists or line breaks."""
    text = _LINK.sub(r"\1", markdown)
    text = _LIST_MARK.sub("", text)
    text = _EMPHASIS.sub("", _ESCAPE.sub(r"\1", text))
    return " ".join(text.split())


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of a plain text ends (the index after its last character)."""
    ends = []
    for match in _SENTENCE_END.finditer(text):
        start = text.rfind(" ", 0, match.start()) + 1
        if text[start : match.start() + 1].lower() not in _ABBREVIATIONS:
            ends.append(match.end())
    return ends


def first_sentences(markdown: str, limit: int = 300, *, most: int | None = None) -> str:
    """As many whole first sentences as fit in `limit` characters (at most `most` of them); a first
    sentence longer than that is cut at a word and ends with " …"."""
    text = plain_text(markdown)
    fitting = [end for end in sentence_ends(text) if end <= limit][:most]
    if fitting and (most is not None or len(text) > limit):
        return text[: fitting[-1]]
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:–-") + " …"


def excerpt_in(text: LongText, page: PageContext, limit: int = 300, *, most: int | None = None) -> str:
    """The first sentence(s) of a text in the page's language as Markdown-safe text; a fallback
    language's words marked with their `lang`."""
    shown = language_shown(text, page.lang)
    literal = markdown_literal(first_sentences(getattr(text, shown), limit, most=most))
    return literal if shown == page.lang else f'<span lang="{shown}">{literal}</span>'
