"""Read records and hand-written pages from disk: the only stage that touches files.

YAML is parsed with the safe loader into nodes first, so every field keeps the line it was
written on; the data is then built from those nodes. Anything that goes wrong becomes an Issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from kb.issues import Issue, Loc
from kb.model import RECORD_KINDS

# libyaml's C parser when present: several times faster than the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# No record needs more; deeper nesting is a mistake or an attack on the parser.
MAX_DEPTH = 20
LANGS = ("nb", "en")


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
    pages: list[HandPage] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def find_sources(root: Path) -> Sources:
    """Every record file (not yet read) and every hand-written page under `root`."""
    sources = Sources()
    for kind, (folder, _model) in RECORD_KINDS.items():
        directory = root / folder
        for path in sorted(directory.glob("*")) if directory.is_dir() else []:
            rel = path.relative_to(root)
            if path.suffix == ".yaml":
                sources.issues.append(Issue(rel, (), "record files end in '.yml'", f"rename it to '{path.stem}.yml'"))
            elif path.suffix == ".yml":
                sources.record_files.append((kind, rel))
    for lang in LANGS:
        directory = root / "content" / lang
        for path in sorted(directory.rglob("*.md")) if directory.is_dir() else []:
            rel = path.relative_to(root)
            text = decode(rel, path.read_bytes(), sources.issues)
            if text is not None:
                sources.pages.append(HandPage(lang, path.relative_to(directory).as_posix(), rel, text))
    return sources


def load_sources(root: Path) -> Sources:
    """Every record and hand-written page under `root`, with the problems met while reading."""
    sources = find_sources(root)
    for kind, rel in sources.record_files:
        record = load_record(kind, rel, (root / rel).read_bytes(), sources.issues)
        if record is not None:
            sources.records.append(record)
    return sources


def decode(rel: Path, raw: bytes, issues: list[Issue]) -> str | None:
    """UTF-8 text without a byte-order mark, or None with the reason added to `issues`."""
    if raw.startswith(b"\xef\xbb\xbf"):
        issues.append(Issue(rel, (), "file starts with a byte-order mark", "save it as UTF-8 without BOM", line=1))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        issues.append(Issue(rel, (), "file is not valid UTF-8", "save it with UTF-8 encoding", line=line))
        return None


def load_record(kind: str, rel: Path, raw: bytes, issues: list[Issue]) -> RawRecord | None:
    """One record file parsed into data and a line map; None (and issues) if it cannot be read."""
    text = decode(rel, raw, issues)
    if text is None:
        return None
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax error: {error.problem or error.context}"
        if error.problem and error.context and error.context_mark:
            message += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        issues.append(Issue(rel, (), message, "check quotes, colons and indentation", line=mark.line + 1 if mark else None))
        return None
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        issues.append(Issue(rel, (), f"YAML error: {error}", line=1))
        return None
    if root is None:
        issues.append(Issue(rel, (), "file is empty", "a record needs at least an 'id' field", line=1))
        return None
    if not isinstance(root, yaml.MappingNode):
        issues.append(Issue(rel, (), "expected a mapping of fields (name: value)", line=root.start_mark.line + 1))
        return None
    builder = _Builder(rel, issues)
    data = builder.build(root, ())
    return RawRecord(kind, rel, data, builder.lines, builder.texts) if builder.ok else None


# The scalar types a record may hold, by YAML tag; anything else (`!!python/object`, `!!binary`,
# a custom `!tag`) is refused. Plain text is the node's value as written.
_SCALARS = {
    "tag:yaml.org,2002:str": lambda constructor, node: node.value,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
}
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Builder:
    """Turns composed YAML nodes into plain data, noting each location's line on the way.

    It also collects every text with its location, the places where Markdown may hide, so the
    checks after it need not walk the data again."""

    def __init__(self, rel: Path, issues: list[Issue]):
        self.rel, self.issues = rel, issues
        self.lines: dict[Loc, int] = {}
        self.texts: list[tuple[Loc, str]] = []
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()
        self.alias_reported = False
        self.ok = True

    def fail(self, loc: Loc, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.ok = False
        self.issues.append(Issue(self.rel, loc, message, hint, line=node.start_mark.line + 1))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if loc not in self.lines:
            self.lines[loc] = node.start_mark.line + 1
        # The composer hands back the same node object for every alias: refusing reuse stops
        # "billion laughs" expansion and keeps every value written out where it is used.
        if id(node) in self.seen:
            if not self.alias_reported:  # once per file: a "billion laughs" file would repeat it endlessly
                self.fail(loc, node, "YAML anchors and aliases are not allowed", "write the value out in full")
                self.alias_reported = True
            self.ok = False
            return None
        self.seen.add(id(node))
        if len(loc) > MAX_DEPTH:
            self.fail(loc, node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        construct = _SCALARS.get(node.tag)
        if construct is not None and isinstance(node, yaml.ScalarNode):
            try:
                value = construct(self.constructor, node)
            except (ConstructorError, ValueError, KeyError):  # an explicit tag on a value not of its type: `!!int abc`
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                self.fail(loc, node, f"'{node.value[:40]}' is not a valid {tag}", "remove the tag and write the value plainly")
                return None
            if type(value) is str:
                self.texts.append((loc, value))
            return value
        if node.tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, loc)
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        self.fail(loc, node, f"unsupported YAML value: could not determine a constructor for the tag '{node.tag}'",
                  "use plain text, numbers, lists and mappings")
        return None

    def build_mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(loc, key_node, "YAML merge keys ('<<') are not allowed", "write the fields out in full")
                continue
            if key_node.tag != "tag:yaml.org,2002:str" or not isinstance(key_node, yaml.ScalarNode):
                self.fail(loc, key_node, "field names must be plain text")
                continue
            key = key_node.value
            if key in data:
                self.fail(loc + (key,), key_node, f"field '{key}' appears twice in the same mapping", "keep one")
                continue
            # An unknown or misspelt key is reported at the key's own line.
            self.lines[loc + (key,)] = key_node.start_mark.line + 1
            data[key] = self.build(value_node, loc + (key,))
        return data
