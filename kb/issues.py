"""Problems found in the content, as values. Checks yield them; only the edge formats them."""

from __future__ import annotations

import difflib
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

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
    return ": ".join(parts)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.file.as_posix(), i.line or 0, format_loc(i.loc), i.message))


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """Errors always count; warnings count too when `strict` (as in CI)."""
    return any(strict or i.severity is Severity.ERROR for i in issues)
