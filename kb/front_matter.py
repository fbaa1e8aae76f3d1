"""A hand-written page's metadata, read exactly where MkDocs finds it and as strictly as a record.

MkDocs takes YAML between a `---` line and a `---` or `...` line; without that, `key: value` lines
at the top of the page (MultiMarkdown). Both are found here as MkDocs finds them, so nothing
reaches MkDocs that the content check did not read; the YAML goes through the records' builder
(no aliases, tags or merge keys, limited depth, lines kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.issues import Issue, Loc
from kb.messages import msg
from kb.yaml_nodes import NodeBuilder, compose_yaml

# mkdocs.utils.meta's own patterns.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
MULTIMARKDOWN_META = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, Any]
    lines: dict[Loc, int]
    body: str  # the page after its front matter, as MkDocs would see it
    body_line: int = 1  # the line of the page where `body` starts


def read_front_matter(rel: Path, text: str, issues: list[Issue]) -> FrontMatter:
    """A hand-written page's metadata, read as strictly as a record (no aliases, tags or depth)."""
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.startswith("---"):
            issues.append(Issue(rel, (), msg("front matter is not closed"), msg("end it with a line '---'"), line=1))
        return FrontMatter({}, {}, text)
    body = text[match.end() :].lstrip("\n")
    body_line = text[: len(text) - len(body)].count("\n") + 1
    if not match[1].strip():
        return FrontMatter({}, {}, body, body_line)
    root = compose_yaml(rel, match[1], issues, first_line=2)
    if root is None:
        return FrontMatter({}, {}, body, body_line)
    builder = NodeBuilder(rel, issues, first_line=2, text=match[1])
    data = builder.build(root, ())
    return FrontMatter(data if builder.ok else {}, builder.lines, body, body_line)


def multimarkdown_problem(rel: Path, front: FrontMatter) -> Issue | None:
    """MkDocs reads `key: value` lines at the top of a page as metadata and drops them from the page."""
    first = front.body.split("\n", 1)[0]
    if MULTIMARKDOWN_META.match(first):
        return Issue(
            rel,
            (),
            msg("MkDocs would read the line '{line}' as page metadata", line=first[:40]),
            msg("start the page with a heading (# …); a description goes in front matter between '---' lines"),
            line=front.body_line,
        )
    return None
