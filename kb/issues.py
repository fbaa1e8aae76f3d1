"""Problems found in the content, as values. Checks yield them; only the edge formats them."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from kb.messages import TEMPLATE_LANG, msg, translate

Loc = tuple[str | int, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Excerpt(NamedTuple):
    """The source line an issue points into (or the part of a long line around the point)."""

    text: str
    caret: int  # 0-based index into `text` of the character the issue is about


@dataclass(frozen=True)
class Issue:
    file: Path  # relative to the repository root
    loc: Loc  # ("observations", 2, "criteria", 0); () for the file as a whole
    message: str  # a Msg (kb/messages.py), said in the editor's language; a plain str is shown as it is
    hint: str | None = None
    severity: Severity = Severity.ERROR
    line: int | None = None  # filled in by the loader's line map, never by a check
    column: int | None = None  # 1-based, where the reader knows it (YAML syntax)
    excerpt: Excerpt | None = None  # the line itself, shown under the issue with a caret


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The hint an editor needs after a typo, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return msg("did you mean '{name}'?", name=close[0]) if close else None


def format_loc(loc: Loc) -> str:
    """('observations', 2, 'criteria', 0) -> 'observations[2].criteria[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def format_issue(issue: Issue, lang: str = TEMPLATE_LANG) -> str:
    """One line an editor can act on, in their language: `path:line: field: message (hint)`.

    With an excerpt, `path:line:column: …`, then the line itself and a caret under the column.
    Every line is escaped and the excerpt's lines start with blanks, so a record's text can neither
    add a line of its own nor start one with a CI command (`::error`)."""
    where = issue.file.as_posix() + (f":{issue.line}" if issue.line else "") + (f":{issue.column}" if issue.line and issue.column else "")
    parts = [where]
    if issue.loc:
        parts.append(format_loc(issue.loc))
    message = msg("warning: {message}", message=issue.message) if issue.severity is Severity.WARNING else issue.message
    parts.append(translate(message, lang) + (f" ({translate(issue.hint, lang)})" if issue.hint else ""))
    text = one_line(": ".join(parts))
    if issue.excerpt is None:
        return text
    gutter = str(issue.line or "")
    shown, before = one_line(issue.excerpt.text), one_line(issue.excerpt.text[: issue.excerpt.caret])
    return f"{text}\n  {gutter} | {shown}\n  {' ' * len(gutter)} | {' ' * len(before)}^"


# Characters that move the cursor, start a new line or reorder what a terminal shows: C0 (with
# the newline), DEL, C1, the Unicode line and paragraph separators, the bidirectional marks,
# embeddings, overrides and isolates, and the zero-width characters that hide a difference.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\n`, `\\x1b`, `\\u202e`).

    Issues quote file names, keys and values from the content: a newline in one must not forge a
    second issue line in the editor's terminal, or a `::error` command in the CI log, and an escape
    sequence or a right-to-left override must not change what the editor sees."""

    def escaped(match: re.Match[str]) -> str:
        char = match[0]
        return _SHORT_ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")

    return _UNPRINTABLE.sub(escaped, text)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.file.as_posix(), i.line or 0, format_loc(i.loc), str(i.message)))


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Errors always count; warnings count too when `strict` (as in CI)."""
    return any(strict or i.severity is Severity.ERROR for i in issues)
