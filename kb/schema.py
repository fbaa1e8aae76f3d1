"""JSON Schemas for editors, derived from the model: generated and checked by the same function."""

from __future__ import annotations

import json
from pathlib import Path

from kb.model import RECORD_KINDS

SCHEMA_DIR = "schemas"


def schema_documents() -> dict[str, str]:
    """{file name: JSON text} of every record kind's schema, byte-for-byte what is committed."""
    documents = {}
    for kind, (_folder, model) in RECORD_KINDS.items():
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json", **schema}
        documents[f"{kind}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return documents


def write_schemas(root: Path) -> list[str]:
    """Write the schemas that changed; return their names (unchanged files are left alone)."""
    changed = []
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    for name, text in schema_documents().items():
        path = root / SCHEMA_DIR / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(name)
    return changed


def stale_schemas(root: Path) -> list[str]:
    """Names of schema files that are missing or differ from the model."""
    return [
        name for name, text in schema_documents().items()
        if not (root / SCHEMA_DIR / name).exists() or (root / SCHEMA_DIR / name).read_text("utf-8") != text
    ]
