"""The record templates teach, and cannot drift from the model: they are generated from it (`make
schemas`), every field of every record has its line and a comment with the model's description,
and every example they show passes the model and names real records."""

from __future__ import annotations

import json
import re
import typing
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO
from pydantic import BaseModel
from test_editors import fill

from kb.examples import EXAMPLES
from kb.kinds import record_kind, record_kinds
from kb.labels import LANGS
from kb.model import KindRecord, model_in, reference_fields
from kb.templates import template_text

KINDS = [kind.name for kind in record_kinds()]


def is_text(model: type[BaseModel]) -> bool:
    """{nb: …, en: …}: written as one value, not field by field."""
    return set(model.model_fields) <= set(LANGS)  # a gloss may have no Norwegian (the name is Norwegian)


def records_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every record model inside it (a case's observations, quotes, …)."""
    found = [model]
    for info in model.model_fields.values():
        nested = model_in(info.annotation)
        if nested is not None and not is_text(nested) and nested not in found:
            found += records_in(nested)
    return found


MODELS = list(dict.fromkeys(model for kind in record_kinds() for model in records_in(kind.model)))


def is_choice(model: type[BaseModel], field: str) -> bool:
    """A yes/no or one of a few values: the template lists them instead of an example."""
    annotation = model.model_fields[field].annotation
    return annotation is bool or typing.get_origin(annotation) is typing.Literal


def holds_records(model: type[BaseModel], field: str) -> bool:
    nested = model_in(model.model_fields[field].annotation)
    return nested is not None and not is_text(nested)


@pytest.mark.unit
@pytest.mark.parametrize("kind_name", KINDS)
def test_each_template_is_generated_from_the_model(kind_name):
    kind = record_kind(kind_name)
    assert (REPO / kind.template).read_text("utf-8") == template_text(kind), "run: make schemas"


@pytest.mark.unit
@pytest.mark.parametrize("kind_name", KINDS)
def test_every_field_has_its_line_with_the_models_description_above_it(kind_name):
    """Walked through the model itself (not the schema the template is made from): each field of
    the record and of the records inside it is a key, after a comment that starts with its
    description; the schema line stays on top."""
    kind = record_kind(kind_name)
    lines = (REPO / kind.template).read_text("utf-8").splitlines()
    assert lines[0] == f"# yaml-language-server: $schema={'../' * kind.folder.count('/')}../schemas/{kind.name}.schema.json"
    # The languages of a long text, each on its line under the text's key, share its comment.
    keys = [(i, match[1]) for i, line in enumerate(lines) if (match := re.match(r"\s*(?:- )?(\w+):", line)) and match[1] not in LANGS]
    comments = {name: [lines[i - 1].strip() for i, key in keys if key == name] for _, name in keys}
    for model in records_in(kind.model):
        for name, info in model.model_fields.items():
            assert name in comments, f"{model.__name__}.{name} is not in {kind.template}"
            assert any(comment.startswith(f"# {info.description}") for comment in comments[name]), f"{model.__name__}.{name}: {comments[name]}"
    assert all(lines[i - 1].lstrip().startswith("# ") for i, _ in keys), "a key without a comment above it"


@pytest.mark.unit
def test_every_field_has_an_example_or_lists_its_choices():
    """A record's own id is written by `make new`; a list of records has examples in its records."""
    missing = [f"{model.__name__}.{name}" for model in MODELS for name in model.model_fields
               if name not in EXAMPLES.get(model.__name__, {}) and not is_choice(model, name) and not holds_records(model, name)
               and not (name == "id" and issubclass(model, KindRecord))]
    assert missing == []
    unknown = [f"{model}.{name}" for model, fields in EXAMPLES.items() for name in fields
               if model not in {m.__name__ for m in MODELS} or name not in next(m for m in MODELS if m.__name__ == model).model_fields]
    assert unknown == []


def example_record(model: type[BaseModel]) -> dict[str, Any]:
    """A record made of the examples alone (choices take their first value)."""
    record: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in EXAMPLES.get(model.__name__, {}):
            record[name] = yaml.safe_load(EXAMPLES[model.__name__][name])
        elif holds_records(model, name):
            record[name] = [example_record(model_in(info.annotation))]
        elif info.annotation is bool:
            record[name] = True
        elif typing.get_origin(info.annotation) is typing.Literal:
            record[name] = typing.get_args(info.annotation)[0]
        else:
            record[name] = "ny-post"
    return record


@pytest.mark.unit
@pytest.mark.parametrize("kind_name", KINDS)
def test_a_record_made_of_the_examples_passes_the_model_and_the_schema(kind_name):
    kind = record_kind(kind_name)
    record = example_record(kind.model)
    kind.model.model_validate(record)
    schema = json.loads((REPO / "schemas" / f"{kind.name}.schema.json").read_text("utf-8"))
    assert [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(record)] == []


@pytest.mark.content
def test_the_ids_the_examples_name_are_real_records():
    named = []
    for model in MODELS:
        for name, refers_to, _ in reference_fields(model):
            if refers_to and name in EXAMPLES.get(model.__name__, {}):
                value = yaml.safe_load(EXAMPLES[model.__name__][name])
                named += [(refers_to, record_id) for record_id in (value if isinstance(value, list) else [value])]
    assert len(named) >= 10
    assert [f"{kind}:{record_id}" for kind, record_id in named if not (REPO / record_kind(kind).folder / f"{record_id}.yml").is_file()] == []


@pytest.mark.unit
@pytest.mark.parametrize("kind_name", KINDS)
def test_a_filled_template_passes_its_schema(kind_name):
    """What an editor's YAML plugin checks, on the template as test_editors fills it."""
    kind = record_kind(kind_name)
    record = yaml.safe_load(fill((REPO / kind.template).read_text("utf-8").replace("{id}", "ny-post")))
    schema = json.loads((REPO / "schemas" / f"{kind.name}.schema.json").read_text("utf-8"))
    assert [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(record)] == []
