"""The editors' JSON Schemas accept what `validate` accepts: every real record validates against
its kind's schema (so an editor's YAML plugin marks nothing red that CI would pass), and broken
records fail both."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import BASIC, REPO

from kb.kinds import record_kinds
from kb.pipeline import check_content

pytestmark = pytest.mark.unit


def schema_of(kind_name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schemas" / f"{kind_name}.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


RECORDS = [(kind.name, path) for kind in record_kinds() for path in sorted((REPO / kind.folder).glob("*.yml"))]


@pytest.mark.parametrize("kind_name, path", RECORDS, ids=[path.relative_to(REPO).as_posix() for _, path in RECORDS])
def test_every_real_record_validates_against_its_schema(kind_name, path):
    data = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in schema_of(kind_name).iter_errors(data)]
    assert errors == []


def test_a_bare_year_is_accepted_by_both():
    """`as_of: 2017` (cases/baerum.yml and others): valid for validate, so valid for the schema."""
    case = yaml.load((BASIC / "cases" / "testby.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    case["key_figures"][0]["as_of"] = 2017
    assert list(schema_of("case").iter_errors(case)) == []


@pytest.mark.parametrize("change, schema_says", [
    (lambda case: case.update(kind="fylke"), "'fylke' is not one of"),
    (lambda case: case.update(extra_field="x"), "Additional properties are not allowed"),
    (lambda case: case["informants"][0].pop("publish_name"), "'publish_name' is a required property"),
    (lambda case: case.update(pages=[0]), "0 is less than the minimum of 1"),
    (lambda case: case["informants"][0].pop("id"), "'id' is a required property"),
    (lambda case: case["observations"][0].update(criteria=["K1"]), "is not valid under any of the given schemas"),
])
def test_broken_records_fail_the_schema_and_validate_alike(content, change, schema_says):
    path = content / "cases" / "testby.yml"
    case = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    change(case)
    messages = [e.message for e in schema_of("case").iter_errors(case)]
    assert any(schema_says in message for message in messages), messages
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")
    assert not check_content(content).ok()


def test_the_ids_on_disk_are_offered_and_any_well_formed_id_is_accepted(content):
    """Completion offers the records that exist; a record added since the schema was written is
    still accepted (validate checks that it exists), and what validate refuses, the schema refuses."""
    definitions = json.loads((REPO / "schemas" / "case.schema.json").read_text("utf-8"))["$defs"]
    for kind in record_kinds():
        if f"{kind.name}-ids" in definitions:
            assert definitions[f"{kind.name}-ids"]["enum"] == sorted(p.stem for p in (REPO / kind.folder).glob("*.yml"))
    assert {"criterion-ids", "perspective-ids"} <= set(definitions)
    case = yaml.load((REPO / "cases" / "bergen.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    case["observations"][0]["criteria"] = ["et-kriterium-lagt-til-senere"]
    assert list(schema_of("case").iter_errors(case)) == []
    for malformed in ("K3", "Toppledelse", "toppledelse_eierskap"):
        case["observations"][0]["criteria"] = [malformed]
        assert list(schema_of("case").iter_errors(case)) != [], malformed


def test_an_id_list_that_lags_the_records_is_not_stale_but_a_changed_model_is(content):
    from kb.schema import stale_schemas, write_schemas

    write_schemas(content)
    assert stale_schemas(content) == []
    (content / "criteria" / "ny.yml").write_bytes((content / "criteria" / "eierskap.yml").read_bytes())
    assert stale_schemas(content) == []  # the new id is not offered yet, and is accepted
    schema = content / "schemas" / "case.schema.json"
    schema.write_text(schema.read_text("utf-8").replace("Perspektiv-id / perspective id", "Perspektiv / perspective"), "utf-8")
    assert stale_schemas(content) == ["schemas/case.schema.json"]
