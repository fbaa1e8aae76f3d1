"""What record text may contain, and how record links inside it are found and rewritten.

Record text is Markdown written by many hands in pull requests. It may link to the web and to
other records (`[Bergen](case:bergen)`), nothing else: no raw HTML, no script URLs, no files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

import yaml

from kb.issues import did_you_mean

RECORD_SCHEMES = ("case", "criterion", "perspective", "finding", "term")
WEB_SCHEMES = ("https", "http", "mailto")

# Inline links and images `[text](target "title")` and reference definitions `[ref]: target`.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE_TARGET = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>?")
# attr_list syntax with a value, e.g. `{onclick=…}`: Markdown would turn it into an attribute.
_ATTRIBUTE_VALUE = re.compile(r"\{[^}\n]*=[^}\n]*\}")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
RECORD_LINK = re.compile(r"\]\((" + "|".join(RECORD_SCHEMES) + r"):([^)#\s]*)(#[^)\s]*)?\)")


@dataclass(frozen=True)
class RecordLink:
    kind: str
    id: str
    anchor: str | None  # without '#'


def find_record_links(text: str) -> Iterator[RecordLink]:
    if "](" not in text:  # most texts have no link at all: skip the expression
        return
    for match in RECORD_LINK.finditer(text):
        yield RecordLink(match[1], match[2], match[3][1:] if match[3] else None)


def markdown_problems(text: str, *, page: bool = False) -> Iterator[tuple[str, str | None]]:
    """(message, hint) for each thing in `text` that must not reach the site.

    A hand-written `page` may also link other pages by their relative path (MkDocs checks those)
    and ask for overview blocks; record text may not."""
    if page:
        text = BLOCK.sub("", text)
    # Cheap character tests first: most texts contain no '<', '{' or link, and skip the expressions.
    if "<" in text and _RAW_HTML.search(text):
        tag = _RAW_HTML.search(text)[0][:30]
        yield f"raw HTML is not allowed: '{tag}'", "write Markdown instead"
    if "{" in text and _ATTRIBUTE_VALUE.search(text):
        yield "attribute lists with values ('{…=…}') are not allowed", "remove the braces"
    if "](" not in text and "]:" not in text:
        return
    targets = _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text)
    for target in targets:
        if page and _SCHEME.match(re.sub(r"[\x00-\x20]", "", target)) is None:
            continue  # a relative link to another page or file of the site
        problem = link_problem(target)
        if problem:
            yield problem


def relative_link_targets(text: str) -> list[str]:
    """Link targets without a scheme (links to other pages and files of the site)."""
    targets = _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text)
    return [t for t in targets if t and not t.startswith("#") and _SCHEME.match(re.sub(r"[\x00-\x20]", "", t)) is None]


def link_problem(target: str) -> tuple[str, str | None] | None:
    """Why a link target is not allowed, or None when it is a web address or a record link."""
    if target.startswith("#"):
        return None  # an anchor on the same page
    # Browsers ignore control characters and blanks inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", target)
    scheme = _SCHEME.match(compact)
    if scheme is None:
        return (
            f"link '{target}' is neither a web address nor a record link",
            "use https://… or case:<id>, criterion:<id>, perspective:<id>, finding:<id>",
        )
    name = scheme[1].lower()
    if name in WEB_SCHEMES or name in RECORD_SCHEMES:
        return None
    if name in ("javascript", "data", "vbscript", "file"):
        return f"unsafe link '{target[:40]}'", "links may only go to https://… addresses or other records"
    return f"unknown link type '{name}:'", did_you_mean(name, RECORD_SCHEMES + WEB_SCHEMES)


def rewrite_record_links(text: str, target_of: Callable[[RecordLink], str]) -> str:
    """Replace every `(kind:id#anchor)` with the path `target_of` gives for the current page."""

    def replace(match: re.Match[str]) -> str:
        link = RecordLink(match[1], match[2], match[3][1:] if match[3] else None)
        return f"]({target_of(link)})"

    return RECORD_LINK.sub(replace, text)


# Hand-written pages may ask for a generated overview with a line of its own: `<!-- kb:NAME -->`.
BLOCK_NAMES = ("criteria-overview", "cases-overview", "perspectives-overview", "data-downloads")
BLOCK = re.compile(r"^<!--\s*kb:([a-z-]+)\s*-->[ \t]*$", re.M)


def find_blocks(text: str) -> list[tuple[str, int]]:
    """(name, line) of every overview block a page asks for, known or not."""
    return [(m[1], text[: m.start()].count("\n") + 1) for m in BLOCK.finditer(text)]


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def split_front_matter(text: str) -> tuple[dict, str]:
    """(meta, body) of a hand-written page; raises ValueError if the front matter is not a mapping."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as error:
        raise ValueError(f"front matter is not valid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping, e.g. 'description: …'")
    return meta, text[match.end():]
