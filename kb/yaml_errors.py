"""YAML syntax errors in an editor's words: the likely mistake, where it is, and how to fix it.

The parser says what it expected ("mapping values are not allowed in this context"); an editor
needs what they did ("': ' inside unquoted text") and the line itself with a caret under the spot.
The common causes are recognised from the parser's problem, its context and the characters at its
marks; anything else keeps the parser's words. Each look is at one or two lines: linear in the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from kb.issues import Excerpt, Issue
from kb.messages import msg

# YAML's line breaks, as the parser counts lines.
LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
# An excerpt shows at most this much of a long line (a whole text on one line), around the caret.
EXCERPT_WIDTH = 100
# Characters YAML reads as syntax at the start of an unquoted value.
_INDICATORS = "\"'#*&@`%!|>"
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")

QUOTES_HINT = msg("put the text in quotes or use `>-`")
QUOTE_NOT_CLOSED = msg("YAML syntax error: this quote is never closed")
CLOSE_THE_QUOTE = msg("end the text with the same quote mark")
COLON_IN_TEXT = msg("YAML syntax error: ': ' (a colon and a space) inside unquoted text")


class Cause(NamedTuple):
    line: int  # 0-based, in the YAML text
    column: int  # 0-based
    message: str
    hint: str


def starts_with(line: int, column: int, char: str) -> Cause:
    """Text that starts with a character YAML reads as syntax."""
    return Cause(line, column, msg("YAML syntax error: unquoted text may not start with '{char}'", char=char), QUOTES_HINT)


def syntax_issue(rel: Path, text: str, error: yaml.MarkedYAMLError, first_line: int = 1) -> Issue:
    """The issue for a YAML syntax error: its cause in an editor's words, with the line and a caret."""
    lines = LINE_BREAK.split(text)
    cause = diagnose(lines, error, first_line - 1)
    line = lines[cause.line] if cause.line < len(lines) else None
    excerpt = excerpt_at(line, cause.column) if line else None
    column = cause.column + 1 if excerpt else None
    return Issue(rel, (), cause.message, cause.hint, line=cause.line + first_line, column=column, excerpt=excerpt)


def reader_issue(rel: Path, text: str, error: yaml.reader.ReaderError, first_line: int = 1) -> Issue:
    """A character YAML refuses to read (a control character pasted with a text), at its line and column."""
    position = error.position if isinstance(error.position, int) and 0 <= error.position <= len(text) else 0
    starts = [match.end() for match in LINE_BREAK.finditer(text, 0, position)]
    line_start = starts[-1] if starts else 0
    end = LINE_BREAK.search(text, position)
    line = text[line_start : end.start() if end else len(text)]
    char = f"U+{error.character:04X}" if isinstance(error.character, int) else str(error.character)
    return Issue(
        rel,
        (),
        msg("YAML error: the text holds the control character {char}", char=char),
        msg("delete it; it often comes with a copy and paste"),
        line=len(starts) + first_line,
        column=position - line_start + 1,
        excerpt=excerpt_at(line, position - line_start),
    )


def excerpt_at(line: str, column: int) -> Excerpt:
    """The line, or the part of a long one around `column`, marked where it was cut."""
    column = min(column, len(line))
    if len(line) <= EXCERPT_WIDTH:
        return Excerpt(line, column)
    start = max(0, min(column - EXCERPT_WIDTH // 2, len(line) - EXCERPT_WIDTH))
    end = start + EXCERPT_WIDTH
    head, tail = ("…" if start else ""), ("…" if end < len(line) else "")
    return Excerpt(head + line[start:end] + tail, column - start + len(head))


def diagnose(lines: list[str], error: yaml.MarkedYAMLError, offset: int = 0) -> Cause:
    """The likeliest cause of a syntax error; `offset`: the lines above the YAML text (a page's front matter)."""
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    start = error.context_mark or mark
    at = (mark.line, mark.column) if mark else (0, 0)
    opened = (start.line, start.column) if start else at
    line = lines[at[0]] if at[0] < len(lines) else ""
    char = line[at[1] : at[1] + 1]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "tab" in problem or char == "\t" or "\t" in indent:
        return Cause(
            at[0], indent.find("\t") if "\t" in indent else at[1], msg("YAML syntax error: a tab in the indentation"), msg("indent with spaces, not tabs")
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return Cause(opened[0], opened[1], QUOTE_NOT_CLOSED, CLOSE_THE_QUOTE)
    leading = leading_indicator(lines, problem, context, at, opened)
    if leading:
        return leading
    if problem == "mapping values are not allowed in this context":
        # A field's own colon came before this one on the line, or the line goes on with the text
        # above it (the words before the colon are no field name): the colon is in the text.
        if ": " in line[: at[1]] or not _FIELD_NAME.fullmatch(line[: at[1]].strip(" -")):
            return Cause(at[0], at[1], COLON_IN_TEXT, QUOTES_HINT)
        return indentation(lines, at) or generic(error, offset)
    if line[: at[1]].rstrip().endswith(('"', "'")):
        return after_a_quote(lines, at)
    if context.startswith("while parsing a flow"):
        return flow_cause(lines, at, opened, char) or generic(error, offset)
    if context.startswith("while parsing a block"):
        return indentation(lines, at) or generic(error, offset)
    return generic(error, offset)


def after_a_quote(lines: list[str], at: tuple[int, int]) -> Cause:
    """Text after a closing quote: `nb: "Dette" sa han`. Unless that quote stands where a text starts
    (`en: "…`): then it opened this text, and the quote before it was never closed."""
    before = lines[at[0]][: at[1]].rstrip()
    quote, lead = before[-1], before[:-1].rstrip()
    if not lead or lead.endswith((":", "-", "{", "[", ",")):
        row, end = at[0], len(before) - 1
        while row >= 0:
            found = lines[row].rfind(quote, 0, end)
            if found >= 0:
                return Cause(row, found, QUOTE_NOT_CLOSED, CLOSE_THE_QUOTE)
            row -= 1
            end = len(lines[row]) if row >= 0 else 0
    return Cause(at[0], at[1], msg("YAML syntax error: the text goes on after its closing quote"), QUOTES_HINT)


def leading_indicator(lines: list[str], problem: str, context: str, at: tuple[int, int], opened: tuple[int, int]) -> Cause | None:
    """Text starting with a character YAML reads as syntax: `*viktig*`, `& Co`, `@ks`, a backtick."""
    if context in ("while scanning an alias", "while scanning an anchor"):
        where = opened
    elif problem.startswith("found undefined alias") or "cannot start any token" in problem:
        where = at
    else:
        return None
    line = lines[where[0]] if where[0] < len(lines) else ""
    char = line[where[1] : where[1] + 1]
    if not char or char not in _INDICATORS:
        return None
    return starts_with(where[0], where[1], char)


def flow_cause(lines: list[str], at: tuple[int, int], opened: tuple[int, int], char: str) -> Cause | None:
    """Inside `{…}` or `[…]`: a colon or a comment in the text, or a bracket never closed."""
    if at[0] == opened[0]:
        if char == ":":
            return Cause(at[0], at[1], COLON_IN_TEXT, QUOTES_HINT)
        return None
    rest = lines[opened[0]][opened[1] :]
    bracket = rest[:1]
    comment = rest.find(" #")
    if comment >= 0:  # the rest of the line became a comment, closing bracket and all
        return starts_with(opened[0], opened[1] + comment + 1, "#")
    closing = {"[": "]", "{": "}"}.get(bracket)
    if closing and closing not in rest:
        return Cause(
            opened[0],
            opened[1],
            msg("YAML syntax error: this '{bracket}' is never closed", bracket=bracket),
            msg("close it with '{closing}' on the same line; put a text with a comma in quotes", closing=closing),
        )
    return None


def indentation(lines: list[str], at: tuple[int, int]) -> Cause | None:
    """A line indented differently from the line above it, when that is what confused the parser."""
    line = lines[at[0]] if at[0] < len(lines) else ""
    above = next((lines[i] for i in range(at[0] - 1, max(-1, at[0] - 50), -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
    if above is None or not line.strip():
        return None
    got, expected = len(line) - len(line.lstrip(" ")), len(above) - len(above.lstrip(" "))
    if got == expected:
        return None
    return Cause(
        at[0],
        got,
        msg("YAML syntax error: this line starts in column {got}, the line above in column {above}", got=got + 1, above=expected + 1),
        msg("fields that belong together start in the same column"),
    )


def generic(error: yaml.MarkedYAMLError, offset: int) -> Cause:
    """The parser's own words, where no common cause fits."""
    mark = error.problem_mark or error.context_mark
    at = (mark.line, mark.column) if mark else (0, 0)
    problem = error.problem or error.context or ""
    if error.problem and error.context and error.context_mark:
        message = msg(
            "YAML syntax error: {problem} ({context} that starts on line {line})",
            problem=problem,
            context=error.context,
            line=error.context_mark.line + 1 + offset,
        )
    else:
        message = msg("YAML syntax error: {problem}", problem=problem)
    return Cause(at[0], at[1], message, msg("check quotes, colons and indentation"))
