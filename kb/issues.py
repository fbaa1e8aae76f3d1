"""Problems found in the content, as values. Checks yield them; only the edge formats them."""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

Loc = tuple[str | int, ...]


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    file: Path  # relative to the repository root
    loc: Loc  # ("observations", 2, "criteria", 0); () for the file as a whole
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR
    line: int | None = None  # filled in by the loader's line map, never by a check


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The hint an editor needs after a typo, or None when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def format_loc(loc: Loc) -> str:
    """('observations', 2, 'criteria', 0) -> 'observations[2].criteria[0]'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def format_issue(issue: Issue) -> str:
    """One line an editor can act on: `path:line: field: message (hint)`."""
    where = issue.file.as_posix() + (f":{issue.line}" if issue.line else "")
    parts = [where]
    if issue.loc:
        parts.append(format_loc(issue.loc))
    prefix = "warning: " if issue.severity is Severity.WARNING else ""
    parts.append(prefix + issue.message + (f" ({issue.hint})" if issue.hint else ""))
    return one_line(": ".join(parts))


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
    return sorted(issues, key=lambda i: (i.file.as_posix(), i.line or 0, format_loc(i.loc), i.message))


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Errors always count; warnings count too when `strict` (as in CI)."""
    return any(strict or i.severity is Severity.ERROR for i in issues)
