"""What record text may contain, and how record links inside it are found and rewritten.

Record text is Markdown written by many hands in pull requests. It may link to the web and to
other records (`[Bergen](case:bergen)`), nothing else: no raw HTML, no script URLs, no files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.issues import did_you_mean
from kb.kinds import kind_names
from kb.messages import msg

# A record link's scheme is its kind's name (`case:bergen`): the registry's names.
WEB_SCHEMES = ("https", "http", "mailto")

# Every pattern here runs on text from pull requests, so each is linear in the text's length: no
# character class may also match the character a match starts with, and nothing repeats twice in
# a row over the same characters (tests/test_linear_time.py feeds each the worst inputs allowed).
# Inline links and images `[text](target "title")`, blanks and title included: browsers drop tabs
# and line breaks inside a URL (`java\tscript:`), so the scheme is judged on the whole target.
_INLINE_TARGET = re.compile(r"\]\(\s*<?([^()\[\]<>]*)")
# Reference definitions `[ref]: target`, anywhere on a line: Python-Markdown also reads them inside
# block quotes and list items (`> [x]: …`), and a label may run over lines.
_REFERENCE_TARGET = re.compile(r"\[[^\[\]]*\]:[ \t]*\n?[ \t]*<?([^\s>]*)")
_RAW_HTML = re.compile(r"<[\s/]*[a-zA-Z!?]")
# An HTML character reference: `&lt;`, `&#60;`, `&#x3C;`. Templates that strip tags decode them
# back into markup, so a title written `&lt;script&gt;` would become a live tag in <title>.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Characters that change how text is displayed without being seen: bidirectional overrides and
# isolates (text that reads differently from what it says), zero-width characters, soft hyphens.
INVISIBLE = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_CONTROL = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029])
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Python-Markdown recurses once per level of nested lists and block quotes; far past any real text,
# a thousand levels exhaust Python's stack.
MAX_INDENT = 32  # columns: eight levels of lists
MAX_QUOTE_DEPTH = 8


@functools.lru_cache(maxsize=4)
def _record_link(schemes: tuple[str, ...]) -> re.Pattern[str]:
    # No bracket or parenthesis inside the id or anchor: each attempt stops at the next link.
    return re.compile(r"\]\((" + "|".join(schemes) + r"):([^)#\s\[\]()]*)(#[^)\s\[\]()]*)?\)")


def record_link_pattern() -> re.Pattern[str]:
    """`](kind:id#anchor)` for every registered kind; compiled again only when the kinds change."""
    return _record_link(kind_names())


@dataclass(frozen=True)
class RecordLink:
    kind: str
    id: str
    anchor: str | None  # without '#'


def find_record_links(text: str) -> Iterator[RecordLink]:
    if "](" not in text:  # most texts have no link at all: skip the expression
        return
    for match in record_link_pattern().finditer(text):
        yield RecordLink(match[1], match[2], match[3][1:] if match[3] else None)


def markdown_problems(text: str, *, page: bool = False, html: bool = True) -> Iterator[tuple[str, str | None]]:
    """(message, hint) for each thing in `text` that must not reach the site.

    A hand-written `page` may also link other pages by their relative path (MkDocs checks those)
    and ask for overview blocks; record text may not. `html=False`: the caller refuses '<' itself."""
    if page:
        text = BLOCK.sub("", text)
    # Cheap character tests first: most texts contain no '<', '&', '{' or link, and skip the expressions.
    if html and "<" in text and (tag := _RAW_HTML.search(text)):
        end = text.find(">", tag.start(), tag.start() + 30)
        shown = text[tag.start() : end + 1 if end >= 0 else tag.start() + 30].split("\n")[0]
        yield msg("raw HTML is not allowed: '{html}'", html=shown), msg("write Markdown instead")
    yield from character_reference_problems(text)
    if "{" in text and has_attribute_list(text):
        yield msg("attribute lists ('{: …}', '{#…}', '{.…}', '{…=…}') are not allowed"), msg("remove the braces")
    yield from nesting_problems(text)
    if "[" in text or "(" in text:
        yield from bracket_problems(text)
    if "](" not in text and "]:" not in text:
        return
    seen: set[str] = set()  # each bad target once: a text may repeat one thousands of times
    for target in link_targets(text):
        if target in seen or (page and _SCHEME.match(re.sub(r"[\x00-\x20]", "", target)) is None):
            continue  # seen already, or a relative link to another page or file of the site
        seen.add(target)
        problem = link_problem(target)
        if problem:
            yield problem


def plain_text_problems(text: str) -> Iterator[tuple[str, str | None]]:
    """(message, hint) for each thing a plain-text field (a title, a name) may not hold.

    Plain text reaches <title>, the navigation, attributes and data files, where the theme prints
    it without escaping or decodes it first: markup in any spelling, control characters and
    invisible characters are refused outright."""
    if "<" in text or ">" in text:
        yield msg("'<' and '>' are not allowed in plain text"), msg("leave them out, or write the words (less than, greater than)")
    yield from markdown_problems(text, html=False)
    if not _CONTROL.isdisjoint(text) or "\n" in text or "\r" in text or "\t" in text:
        yield msg("control characters (line breaks, tabs) are not allowed in plain text"), msg("write it on one line")
    if not INVISIBLE.isdisjoint(text):
        yield invisible_problem(text)


def invisible_problem(text: str) -> tuple[str, str]:
    found = next(c for c in text if c in INVISIBLE)
    return (
        msg("invisible character {char} in the text", char=f"U+{ord(found):04X}"),
        msg("delete it: bidirectional and zero-width characters change what readers see"),
    )


def character_reference_problems(text: str) -> Iterator[tuple[str, str | None]]:
    if "&" in text and (match := _CHARACTER_REFERENCE.search(text)):
        yield msg("HTML character references are not allowed: '{reference}'", reference=match[0]), msg("write the character itself (e.g. «, – or &)")


def has_attribute_list(text: str) -> bool:
    """Whether Python-Markdown's attr_list would read something in `text` as attributes.

    One pass, linear: `{` followed by `:`, `#` or `.`, or a `{…=…}` pair, closed on the same line."""
    opened = equals = marker = False
    for i, char in enumerate(text):
        if char == "{":
            if not opened:
                rest = text[i + 1 : i + 1 + 64].lstrip(" \t")
                marker = rest[:1] in (":", "#", ".")
            opened = True
        elif char == "=" and opened:
            equals = True
        elif char == "}" and opened:
            if equals or marker:
                return True
            opened = equals = marker = False
        elif char == "\n":
            opened = equals = marker = False
    return False


def nesting_problems(text: str) -> Iterator[tuple[str, str | None]]:
    """Lists and quotes nested deeper than any real text: they would exhaust Python-Markdown."""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" \t>")
        prefix = line[: len(line) - len(stripped)]
        if prefix.count(">") > MAX_QUOTE_DEPTH or len(prefix.replace("\t", "    ")) > MAX_INDENT + 4 * prefix.count(">"):
            yield (
                msg(
                    "line {line} is nested too deeply (over {lists} levels of lists or {quotes} of quotes)",
                    line=number,
                    lists=MAX_INDENT // 4,
                    quotes=MAX_QUOTE_DEPTH,
                ),
                msg("flatten the list or quote"),
            )
            return


MAX_BRACKET_DEPTH = 4


def bracket_problems(text: str) -> Iterator[tuple[str, str | None]]:
    """Brackets or parentheses nested deeper than any real text, within a paragraph.

    Python-Markdown looks for the end of a link from every `[` and `](`, past every bracket
    nested inside: thousands of unclosed or nested ones take it minutes (measured: 10 s and
    more for 20,000 characters of `[`), so a record could stall the build."""
    square = round_ = 0
    for char in text.replace("\n\n", "\x00"):
        if char == "[":
            square += 1
        elif char == "]":
            square = max(0, square - 1)
        elif char == "(":
            round_ += 1
        elif char == ")":
            round_ = max(0, round_ - 1)
        elif char == "\x00":  # a blank line ends the paragraph, and what was left open
            square = round_ = 0
        if square > MAX_BRACKET_DEPTH or round_ > MAX_BRACKET_DEPTH:
            yield (
                msg("brackets or parentheses opened more than {depth} deep in one paragraph", depth=MAX_BRACKET_DEPTH),
                msg("close each '[' and '(' before opening more"),
            )
            return


def link_targets(text: str) -> list[str]:
    return _INLINE_TARGET.findall(text) + _REFERENCE_TARGET.findall(text)


def relative_link_targets(text: str) -> list[str]:
    """Link targets without a scheme (links to other pages and files of the site)."""
    targets = [t.split()[0] for t in link_targets(text) if t.strip()]  # without a title
    return [t for t in targets if not t.startswith("#") and _SCHEME.match(re.sub(r"[\x00-\x20]", "", t)) is None]


def link_problem(target: str) -> tuple[str, str | None] | None:
    """Why a link target is not allowed, or None when it is a web address or a record link."""
    if target.startswith("#"):
        return None  # an anchor on the same page
    # Browsers ignore control characters and blanks inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", target)
    scheme = _SCHEME.match(compact)
    if scheme is None:
        return (
            msg("link '{target}' is neither a web address nor a record link", target=target),
            msg("use https://… or {forms}", forms=", ".join(f"{kind}:<id>" for kind in kind_names())),
        )
    name = scheme[1].lower()
    if name in WEB_SCHEMES or name in kind_names():
        return None
    if name in ("javascript", "data", "vbscript", "file"):
        return msg("unsafe link '{target}'", target=target[:40]), msg("links may only go to https://… addresses or other records")
    return msg("unknown link type '{scheme}:'", scheme=name), did_you_mean(name, kind_names() + WEB_SCHEMES)


def rewrite_record_links(text: str, target_of: Callable[[RecordLink], str]) -> str:
    """Replace every `(kind:id#anchor)` with the path `target_of` gives for the current page."""

    def replace(match: re.Match[str]) -> str:
        link = RecordLink(match[1], match[2], match[3][1:] if match[3] else None)
        return f"]({target_of(link)})"

    return record_link_pattern().sub(replace, text)


# Hand-written pages may ask for a generated overview with a line of its own: `<!-- kb:NAME -->`.
BLOCK_NAMES = ("criteria-overview", "cases-overview", "perspectives-overview", "data-downloads")
BLOCK = re.compile(r"^<!--\s*kb:([a-z-]+)\s*-->[ \t]*$", re.M)


def find_blocks(text: str) -> list[tuple[str, int]]:
    """(name, line) of every overview block a page asks for, known or not."""
    return [(m[1], text[: m.start()].count("\n") + 1) for m in BLOCK.finditer(text)]
