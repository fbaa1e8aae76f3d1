"""The whole content pipeline as one call: records on disk -> linked catalog, with every issue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.issues import Issue, has_errors, sort_issues
from kb.link import Catalog, link_records
from kb.load import HandPage, load_sources
from kb.model import RECORD_KINDS
from kb.validate import validate_sources


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    pages: list[HandPage]
    issues: list[Issue]  # sorted, errors and warnings

    def ok(self, *, strict: bool = False) -> bool:
        return not has_errors(self.issues, strict=strict)


def load_content(root: Path) -> Content:
    """Load, validate and link everything under `root`; never raises for a content mistake.

    The Norwegian and the English build each ask for the content; when nothing on disk changed
    in between (same files, sizes and modification times) the second one gets the same result
    instead of parsing everything again. One entry only, so memory does not grow under `serve`."""
    key = (root.resolve(), source_fingerprint(root))
    if _last[0] == key:
        return _last[1]
    sources = load_sources(root)
    validated = validate_sources(sources)
    catalog, link_issues = link_records(validated, sources.pages)
    content = Content(catalog, sources.pages, sort_issues(validated.issues + link_issues))
    _last[:] = [key, content]
    return content


_last: list = [None, None]


def source_fingerprint(root: Path) -> tuple:
    """Every source file's path, size and modification time: changes whenever an editor saves."""
    files = [p for folder, _ in RECORD_KINDS.values() for p in (root / folder).glob("*")]
    files += list((root / "content").rglob("*.md"))
    return tuple(sorted((str(p), s.st_size, s.st_mtime_ns) for p in files if (s := p.stat())))
