"""JSON Schemas for editors, derived from the model, the editor setting that maps each record
folder to its schema, and the record templates of `make new`: generated and checked by the same
functions."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kb.kinds import kind_names, record_kinds
from kb.load import find_sources
from kb.model import REFERS_KEY
from kb.templates import template_text

SCHEMA_DIR = "schemas"
EDITOR_SETTINGS = ".vscode/settings.json"


def schema_documents(ids: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """{file name: JSON text} of every record kind's schema, byte-for-byte what is committed.

    `ids` (kind -> ids of its records) are offered where a field names a record of that kind, so
    the editor's YAML plugin completes them; any well-formed id is still accepted there, as
    validate accepts a record added since the schema was written (validate checks it exists)."""
    documents = {}
    for kind in record_kinds():
        schema = kind.model.model_json_schema()
        offered: dict[str, Any] = {}
        schema = offer_ids(schema, ids, offered)
        schema["$defs"] = {**schema.get("$defs", {}), **offered}
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind.name}.schema.json", **schema}
        documents[f"{kind.name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return documents


def offer_ids(node: Any, ids: Mapping[str, Iterable[str]], definitions: dict[str, Any]) -> Any:
    """`node` with each id field the model marks (REFERS_KEY) as 'one of the known ids, or any id'."""
    if isinstance(node, list):
        return [offer_ids(item, ids, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: offer_ids(value, ids, definitions) for key, value in node.items()}
    kind = node.pop(REFERS_KEY, None)
    known = sorted(ids.get(kind, ())) if kind else []
    if not known:
        return node
    definitions[f"{kind}-ids"] = {"description": f"Ids of the {kind} records when the schema was written (make schemas)", "enum": known}
    shape = {key: node.pop(key) for key in ("type", "pattern", "maxLength") if key in node}
    return {**node, "anyOf": [{"$ref": f"#/$defs/{kind}-ids"}, shape]}


def without_id_lists(text: str) -> Any:
    """A schema with its lists of known ids emptied: a list that lags the records is not stale."""
    schema = json.loads(text)
    for name, definition in schema.get("$defs", {}).items():
        if name.endswith("-ids"):
            definition["enum"] = []
    return schema


def record_ids(root: Path) -> dict[str, list[str]]:
    """kind -> the ids of its record files under `root` (the file names, as ids are)."""
    return {kind: [rel.stem for found, rel in find_sources(root).record_files if found == kind] for kind in kind_names()}


def editor_settings(current: str) -> str:
    """The VS Code settings `current` with `yaml.schemas` mapping each kind's folder to its schema
    (so the YAML plugin checks and completes records as they are typed); other settings kept."""
    settings = json.loads(current) if current.strip() else {}
    settings["yaml.schemas"] = {f"./{SCHEMA_DIR}/{kind.name}.schema.json": [f"{kind.folder}/*.yml"] for kind in record_kinds()}
    text = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    return re.sub(r'\[\n\s+("[^"\n]*")\n\s+\]', r"[\1]", text)  # a list of one glob on one line, as people write it


def generated_files(root: Path) -> dict[str, str]:
    """{path relative to `root`: the text it should have} of every file derived from the model."""
    files = {f"{SCHEMA_DIR}/{name}": text for name, text in schema_documents(record_ids(root)).items()}
    settings = root / EDITOR_SETTINGS
    files[EDITOR_SETTINGS] = editor_settings(settings.read_text("utf-8") if settings.exists() else "")
    files.update({kind.template: template_text(kind) for kind in record_kinds()})
    return files


def write_schemas(root: Path) -> list[str]:
    """Write the generated files that changed; return their paths (unchanged files are left alone)."""
    changed = []
    for name, text in generated_files(root).items():
        path = root / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, "utf-8")
            changed.append(name)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """Paths of generated files that are missing or differ from the model (lists of ids may lag)."""
    stale = []
    for name, text in generated_files(root).items():
        path = root / name
        if not path.exists():
            stale.append(name)
        elif name.startswith(SCHEMA_DIR + "/") and without_id_lists(path.read_text("utf-8")) == without_id_lists(text):
            continue
        elif path.read_text("utf-8") != text:
            stale.append(name)
    return stale
