"""Read records and hand-written pages from disk: the only stage that touches files.

A record's YAML becomes data that keeps the line of every field (`kb/yaml_nodes.py`); each
record folder is its kind's (`kb/kinds.py`). Anything that goes wrong becomes an Issue.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from kb.inputs import (
    MAX_IMAGE_BYTES,
    MAX_PAGE_BYTES,
    MAX_RECORD_BYTES,
    Entry,
    image_problem,
    list_folder,
    page_or_asset_problem,
    read_capped,
    refusal,
)
from kb.issues import Issue, Loc, did_you_mean
from kb.kinds import record_kinds
from kb.labels import LANGS
from kb.messages import msg
from kb.yaml_nodes import NodeBuilder, compose_yaml


@dataclass(frozen=True)
class RawRecord:
    kind: str  # "case", "criterion", …
    file: Path  # relative to the repository root
    data: dict[str, Any]
    lines: dict[Loc, int]  # field location -> 1-based line
    texts: list[tuple[Loc, str]]  # every text in the record with its location: where Markdown may hide

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest ancestor that exists (a missing field's parent)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return 1


@dataclass(frozen=True)
class HandPage:
    lang: str
    path: str  # POSIX path inside content/<lang>/, e.g. "about.md"
    file: Path  # relative to the repository root
    text: str


@dataclass
class Sources:
    records: list[RawRecord] = field(default_factory=list)  # filled by load_sources, not find_sources
    # Every record file seen, readable or not: other records may refer to it by its name, and a
    # broken file must not make every reference to it an error as well.
    record_files: list[tuple[str, Path]] = field(default_factory=list)
    record_sizes: dict[Path, int] = field(default_factory=dict)  # as listed: checked against the cap before reading
    pages: list[HandPage] = field(default_factory=list)
    images: list[tuple[str, str]] = field(default_factory=list)  # (lang, path inside content/<lang>/), checked
    issues: list[Issue] = field(default_factory=list)


def find_sources(root: Path) -> Sources:
    """Every record file (not yet read) and every hand-written page and image under `root`.

    Only what the allowlist in `kb/inputs.py` accepts comes in; everything else is an issue."""
    sources = Sources()
    for kind in record_kinds():
        for entry in list_folder(root, kind.folder, sources.issues, recursive=False):
            if entry.rel.suffix == ".yml":
                sources.record_files.append((kind.name, entry.rel))
                sources.record_sizes[entry.rel] = entry.size
            elif entry.rel.suffix.lower() in (".yaml", ".yml"):
                sources.issues.append(Issue(entry.rel, (), msg("record files end in '.yml'"), msg("rename it to '{name}'", name=f"{entry.rel.stem}.yml")))
            else:
                sources.issues.append(
                    Issue(
                        entry.rel,
                        (),
                        msg("only records ('<id>.yml') belong in {folder}/", folder=kind.folder),
                        msg("move other files out of the record folders"),
                    )
                )
    sources.issues += stray_content_entries(root)
    for lang in LANGS:
        for entry in list_folder(root, f"content/{lang}", sources.issues, recursive=True):
            inside = PurePosixPath(entry.rel.relative_to(Path("content", lang)).as_posix())
            problem = page_or_asset_problem(inside)
            if problem:
                sources.issues.append(Issue(entry.rel, (), *problem))
            elif inside.suffix == ".md":
                read_page(entry, lang, inside.as_posix(), sources)
            else:
                read_image(entry, lang, inside.as_posix(), sources)
    # The theme's custom folder is published too: the same rule holds there.
    list_folder(root, "overrides", sources.issues, recursive=True)
    return sources


def stray_content_entries(root: Path) -> list[Issue]:
    """content/ holds the language folders and the record folders, nothing else."""
    allowed = sorted({Path(kind.folder).name for kind in record_kinds() if kind.folder.startswith("content/")} | set(LANGS))
    issues: list[Issue] = []
    try:
        children = sorted(os.scandir(root / "content"), key=lambda e: e.name)
    except OSError:  # missing (an empty knowledge base) or not a folder: the listings say so
        return issues
    for child in children:
        rel = Path("content", child.name)
        mode = child.stat(follow_symlinks=False).st_mode
        if child.name.startswith("."):
            continue
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            issues.append(refusal(rel, mode))
        elif stat.S_ISREG(mode):
            issues.append(
                Issue(rel, (), msg("files do not belong directly in content/"), msg("pages go in content/nb/ and content/en/, records in their kind's folder"))
            )
        elif child.name not in allowed:
            hint = did_you_mean(child.name, allowed) or msg("known: {names}", names=", ".join(allowed))
            issues.append(Issue(rel, (), msg("unknown folder content/{name}/", name=child.name), hint))
    return issues


def read_page(entry: Entry, lang: str, path: str, sources: Sources) -> None:
    raw = read_capped(entry, MAX_PAGE_BYTES, sources.issues)
    text = decode(entry.rel, raw, sources.issues) if raw is not None else None
    if text is not None:
        sources.pages.append(HandPage(lang, path, entry.rel, text))


def read_image(entry: Entry, lang: str, path: str, sources: Sources) -> None:
    raw = read_capped(entry, MAX_IMAGE_BYTES, sources.issues)
    if raw is None:
        return
    problem = image_problem(PurePosixPath(path).suffix, raw[:16])
    if problem:
        sources.issues.append(Issue(entry.rel, (), problem, msg("export it again as the type its name says")))
    else:
        sources.images.append((lang, path))


def load_sources(root: Path) -> Sources:
    """Every record and hand-written page under `root`, with the problems met while reading."""
    sources = find_sources(root)
    for kind, rel in sources.record_files:
        data = read_record_bytes(root, rel, sources.record_sizes.get(rel, 0), sources.issues)
        record = load_record(kind, rel, data, sources.issues) if data is not None else None
        if record is not None:
            sources.records.append(record)
    return sources


def read_record_bytes(root: Path, rel: Path, size: int, issues: list[Issue]) -> bytes | None:
    """A record file's bytes, read as carefully as every other input (no links, size capped)."""
    return read_capped(Entry(root / rel, rel, size), MAX_RECORD_BYTES, issues)


def decode(rel: Path, raw: bytes, issues: list[Issue]) -> str | None:
    """UTF-8 text without a byte-order mark, or None with the reason added to `issues`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        issues.append(Issue(rel, (), msg("file starts with a byte-order mark"), msg("save it as UTF-8 without BOM"), line=1))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        issues.append(Issue(rel, (), msg("file is not valid UTF-8"), msg("save it with UTF-8 encoding"), line=line))
        return None


def load_record(kind: str, rel: Path, raw: bytes, issues: list[Issue]) -> RawRecord | None:
    """One record file parsed into data and a line map; None (and issues) if it cannot be read."""
    text = decode(rel, raw, issues)
    if text is None:
        return None
    root = compose_yaml(rel, text, issues)
    if root is None:
        return None
    builder = NodeBuilder(rel, issues, text=text)
    data = builder.build(root, ())
    return RawRecord(kind, rel, data, builder.lines, builder.texts) if builder.ok else None
