"""The whole content pipeline as one call: records on disk -> linked catalog, with every issue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb.issues import Issue, has_errors, sort_issues
from kb.link import Catalog, link_records
from kb.load import HandPage, load_sources
from kb.validate import validate_sources


@dataclass(frozen=True)
class Content:
    catalog: Catalog
    pages: list[HandPage]
    issues: list[Issue]  # sorted, errors and warnings

    def ok(self, *, strict: bool = False) -> bool:
        return not has_errors(self.issues, strict=strict)


def load_content(root: Path) -> Content:
    """Load, validate and link everything under `root`; never raises for a content mistake."""
    sources = load_sources(root)
    validated = validate_sources(sources)
    catalog, link_issues = link_records(validated, sources.pages)
    return Content(catalog, sources.pages, sort_issues(validated.issues + link_issues))
