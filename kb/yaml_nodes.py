"""YAML read safely into plain data that remembers the line of every field.

The safe loader composes nodes first, so each field keeps the line it was written on; the data is
then built from those nodes by hand, refusing every tag, alias and merge key a record never needs.
Anything that goes wrong becomes an Issue.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from kb.issues import Issue, Loc
from kb.messages import msg
from kb.yaml_errors import LINE_BREAK, excerpt_at, reader_issue, syntax_issue

# libyaml's C parser when present: several times faster than the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# No record needs more; deeper nesting is a mistake or an attack on the parser.
MAX_DEPTH = 20


def compose_yaml(rel: Path, text: str, issues: list[Issue], first_line: int = 1) -> yaml.MappingNode | None:
    """The YAML text's top mapping as nodes (which keep their lines), or None and an issue."""
    offset = first_line - 1
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        issues.append(syntax_issue(rel, text, error, first_line))
        return None
    except yaml.reader.ReaderError as error:  # a control character: the reader says where
        issues.append(reader_issue(rel, text, error, first_line))
        return None
    except yaml.YAMLError as error:
        issues.append(Issue(rel, (), msg("YAML error: {error}", error=str(error)), line=first_line))
        return None
    except RecursionError:  # flow collections nested thousands deep: the composer recurses per level
        issues.append(Issue(rel, (), msg("nested more than {count} levels deep", count=MAX_DEPTH), line=first_line))
        return None
    if root is None:
        issues.append(Issue(rel, (), msg("file is empty"), msg("a record needs at least an 'id' field"), line=first_line))
        return None
    if not isinstance(root, yaml.MappingNode):
        issues.append(Issue(rel, (), msg("expected a mapping of fields (name: value)"), line=root.start_mark.line + 1 + offset))
        return None
    return root


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


class NodeBuilder:
    """Turns composed YAML nodes into plain data, noting each location's line on the way.

    It also collects every text with its location, the places where Markdown may hide, so the
    checks after it need not walk the data again."""

    def __init__(self, rel: Path, issues: list[Issue], first_line: int = 1, text: str = ""):
        self.rel, self.issues = rel, issues
        self.text = text  # the YAML itself, split into lines only when an issue shows one
        self.text_lines: list[str] = []
        self.offset = first_line - 1  # front matter starts on a page's second line
        self.lines: dict[Loc, int] = {}
        self.texts: list[tuple[Loc, str]] = []
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()
        self.alias_reported = False
        self.ok = True

    def fail(self, loc: Loc, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.ok = False
        self.issues.append(Issue(self.rel, loc, message, hint, line=node.start_mark.line + 1 + self.offset))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if loc not in self.lines:
            self.lines[loc] = node.start_mark.line + 1 + self.offset
        # The composer hands back the same node object for every alias: refusing reuse stops
        # "billion laughs" expansion and keeps every value written out where it is used.
        if id(node) in self.seen:
            if not self.alias_reported:  # once per file: a "billion laughs" file would repeat it endlessly
                self.fail(loc, node, msg("YAML anchors and aliases are not allowed"), msg("write the value out in full"))
                self.alias_reported = True
            self.ok = False
            return None
        self.seen.add(id(node))
        if len(loc) > MAX_DEPTH:
            self.fail(loc, node, msg("nested more than {count} levels deep", count=MAX_DEPTH))
            return None
        construct = _SCALARS.get(node.tag)
        if construct is not None and isinstance(node, yaml.ScalarNode):
            try:
                value = construct(self.constructor, node)
            except (ConstructorError, ValueError, KeyError):  # an explicit tag on a value not of its type: `!!int abc`
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                self.fail(loc, node, msg("'{value}' is not a valid {tag}", value=node.value[:40], tag=tag), msg("remove the tag and write the value plainly"))
                return None
            if type(value) is str:
                self.texts.append((loc, value))
            return value
        if node.tag == _MAP and isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, loc)
        if node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        message = msg("unsupported YAML value: could not determine a constructor for the tag '{tag}'", tag=node.tag)
        self.fail(loc, node, message, msg("use plain text, numbers, lists and mappings"))
        return None

    def build_mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(loc, key_node, msg("YAML merge keys ('<<') are not allowed"), msg("write the fields out in full"))
                continue
            if key_node.tag != "tag:yaml.org,2002:str" or not isinstance(key_node, yaml.ScalarNode):
                self.fail(loc, key_node, msg("field names must be plain text"))
                continue
            key = key_node.value
            if node.flow_style and is_cut_off_text(key_node, value_node):
                self.cut_off_text(loc, key_node)
                continue
            if key in data:
                self.fail(loc + (key,), key_node, msg("field '{name}' appears twice in the same mapping", name=key), msg("keep one"))
                continue
            # An unknown or misspelt key is reported at the key's own line.
            self.lines[loc + (key,)] = key_node.start_mark.line + 1 + self.offset
            data[key] = self.build(value_node, loc + (key,))
        return data

    def cut_off_text(self, loc: Loc, key_node: yaml.ScalarNode) -> None:
        """Reported, and left out of the data, so that the rest of the record is still checked."""
        mark = key_node.start_mark
        if not self.text_lines:
            self.text_lines = LINE_BREAK.split(self.text)
        line = self.text_lines[mark.line] if mark.line < len(self.text_lines) else ""
        message = msg("'{text}' looks like the end of a text cut off at a comma", text=key_node.value[:40])
        hint = msg("a comma splits `{nb: …, en: …}`: put the text in quotes")
        self.issues.append(
            Issue(
                self.rel, loc, message, hint, line=mark.line + 1 + self.offset, column=mark.column + 1, excerpt=excerpt_at(line, mark.column) if line else None
            )
        )


def is_cut_off_text(key: yaml.ScalarNode, value: yaml.Node) -> bool:
    """In `{nb: Bodø kommune, en: Bodø, Municipality}` the comma ends the text: `Municipality` becomes a
    key without a value. No field name has a blank either: a key with one is the tail of a text."""
    if key.style:  # quoted: written as a key on purpose
        return False
    bare = isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null" and value.start_mark.index == key.end_mark.index
    return bare or any(char.isspace() for char in key.value)
