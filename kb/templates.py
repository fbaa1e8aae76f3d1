"""The record templates `make new` copies (templates/<kind>.yml), generated from the model.

Each field of a template comes with a comment line: what it is (the model's own bilingual
description, the one the editors' YAML plugin shows), its format (optional or not, a number's
range, the values to choose from) and an example (kb/examples.py). They are written by `make
schemas` with the JSON Schemas, from the same JSON Schema, and a test fails when they are stale:
a template cannot say what the model no longer means.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from kb.examples import EXAMPLES
from kb.kinds import RecordKind
from kb.labels import LANGS

# A choice of this many values or fewer is listed in the comment; the plugin completes longer ones.
LISTED_CHOICES = 4


def template_text(kind: RecordKind) -> str:
    """The template of a kind: the schema line, a short how-to, then every field with its comment;
    `{id}` stands for the id `make new` writes."""
    schema = kind.model.model_json_schema()
    schema_path = "../" * len(PurePosixPath(kind.folder).parts) + f"schemas/{kind.name}.schema.json"
    source, others = LANGS[0], ", ".join(LANGS[1:])
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# {schema['description']}",
        "# Fyll inn hver tomme verdi, kjør så `make validate` / fill in every empty value, then run `make validate`.",
        f"# Tekster: {source} er kilden, {others} oversettelse / texts: {source} is the source, {others} a translation.",
        "# Valgfrie felt og listepunkter du ikke trenger, kan slettes / delete optional fields and list items you do not need.",
    ]
    return "\n".join(lines + object_lines(schema, schema.get("$defs", {}), "")) + "\n"


def object_lines(definition: dict[str, Any], defs: dict[str, Any], indent: str) -> list[str]:
    """A comment line and a `key: empty value` line (or block) for each field of a record."""
    examples = EXAMPLES.get(definition.get("title", ""), {})
    lines = []
    for name, prop in definition.get("properties", {}).items():
        optional = name not in definition.get("required", [])
        lines.append(f"{indent}# {field_comment(prop, optional, examples.get(name))}")
        if name == "id" and not indent:
            lines.append("id: {id}")  # the record's own id: `make new` writes it
        else:
            lines += value_lines(name, prop, defs, indent)
    return lines


def field_comment(prop: dict[str, Any], optional: bool, example: str | None) -> str:
    """'what / what (format): choices' or '…; f.eks./e.g. example', from the field's schema."""
    comment = prop["description"]
    bounds = prop.get("items", prop)
    formats = ["valgfritt / optional"] if optional else []
    if "minimum" in bounds and "maximum" in bounds:
        formats.append(f"{bounds['minimum']}–{bounds['maximum']}")
    if formats:
        comment += f" ({', '.join(formats)})"
    if prop.get("type") == "boolean":
        return comment + ": true | false"
    if "enum" in prop and len(prop["enum"]) <= LISTED_CHOICES:
        return comment + ": " + " | ".join(prop["enum"])
    return comment + (f"; f.eks./e.g. {example}" if example else "")


def value_lines(name: str, prop: dict[str, Any], defs: dict[str, Any], indent: str) -> list[str]:
    """The field as an editor finds it: empty text, an empty number, an empty list, a text in
    every language, or one list item of records with each of their fields."""
    choices = [alt for alt in prop.get("anyOf", [prop]) if alt.get("type") != "null"]
    if len(choices) > 1:  # a text or a bare year (as_of): left empty, the comment shows both
        return [f"{indent}{name}:"]
    target = choices[0]
    if "$ref" in target:
        definition = referred(target, defs)
        if is_text(definition):
            return text_lines(name, definition, indent)
        return [f"{indent}{name}:", *object_lines(definition, defs, indent + "  ")]
    if target.get("type") == "array":
        item = target["items"]
        if "$ref" not in item or is_text(referred(item, defs)):
            return [f"{indent}{name}: []"]
        # One record to fill in, as a list item: its first field after the dash.
        fields = object_lines(referred(item, defs), defs, indent + "    ")
        first_key = next(i for i, line in enumerate(fields) if not line.lstrip().startswith("#"))
        fields[:first_key] = [line[2:] for line in fields[:first_key]]
        fields[first_key] = f"{indent}  - {fields[first_key].lstrip()}"
        return [f"{indent}{name}:", *fields]
    return [f'{indent}{name}: ""' if target.get("type") == "string" else f"{indent}{name}:"]


def referred(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The definition a `$ref` points at (pydantic puts every one in `$defs`)."""
    return defs[schema["$ref"].rsplit("/", 1)[1]]


def is_text(definition: dict[str, Any]) -> bool:
    """A text in every language ({nb: …, en: …}), not a record with fields of its own."""
    return sorted(definition.get("properties", {})) == sorted(LANGS)


def text_lines(name: str, definition: dict[str, Any], indent: str) -> list[str]:
    """A text in each language: long (Markdown) texts as a block, short ones on one line."""
    empty = {lang: "[]" if definition["properties"][lang].get("type") == "array" else '""' for lang in LANGS}
    if definition.get("title") == "LongText":
        return [f"{indent}{name}:", *(f"{indent}  {lang}: {empty[lang]}" for lang in LANGS)]
    return [f"{indent}{name}: {{" + ", ".join(f"{lang}: {empty[lang]}" for lang in LANGS) + "}"]
