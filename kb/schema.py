"""JSON Schemas for editors, derived from the model, the editor setting that maps each record
folder to its schema, and the record templates of `make new`: generated and checked by the same
functions."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.kinds import record_kinds
from kb.templates import template_text

SCHEMA_DIR = "schemas"
EDITOR_SETTINGS = ".vscode/settings.json"


def schema_documents() -> dict[str, str]:
    """{file name: JSON text} of every record kind's schema, byte-for-byte what is committed."""
    documents = {}
    for kind in record_kinds():
        schema = kind.model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind.name}.schema.json", **schema}
        documents[f"{kind.name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return documents


def editor_settings(current: str) -> str:
    """The VS Code settings `current` with `yaml.schemas` mapping each kind's folder to its schema
    (so the YAML plugin checks and completes records as they are typed); other settings kept."""
    settings = json.loads(current) if current.strip() else {}
    settings["yaml.schemas"] = {f"./{SCHEMA_DIR}/{kind.name}.schema.json": [f"{kind.folder}/*.yml"] for kind in record_kinds()}
    text = json.dumps(settings, ensure_ascii=False, indent=2) + "\n"
    return re.sub(r'\[\n\s+("[^"\n]*")\n\s+\]', r"[\1]", text)  # a list of one glob on one line, as people write it


def generated_files(root: Path) -> dict[str, str]:
    """{path relative to `root`: the text it should have} of every file derived from the model."""
    files = {f"{SCHEMA_DIR}/{name}": text for name, text in schema_documents().items()}
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
    """Paths of generated files that are missing or differ from the model."""
    return [name for name, text in generated_files(root).items() if not (root / name).exists() or (root / name).read_text("utf-8") != text]
