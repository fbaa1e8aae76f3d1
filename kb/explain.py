"""Pydantic's validation errors, in words an editor can act on."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from kb.ids import id_from_name
from kb.issues import Loc, did_you_mean
from kb.messages import msg
from kb.model import REPORT_PAGES, LongText, Text


def is_explained_by_a_typo(err: Mapping[str, Any], errors: Sequence[Mapping[str, Any]], model: type[BaseModel]) -> bool:
    """A missing field whose misspelling sits beside it (`numbr:`) needs one message, not two."""
    if err["type"] != "missing":
        return False
    parent, name = tuple(err["loc"][:-1]), err["loc"][-1]
    return any(
        other["type"] == "extra_forbidden"
        and tuple(other["loc"][:-1]) == parent
        and did_you_mean(str(other["loc"][-1]), fields_at(model, parent)) == msg("did you mean '{name}'?", name=str(name))
        for other in errors
    )


_TYPE_NAMES: dict[Any, str] = {
    str: msg("text"),
    int: msg("a number"),
    float: msg("a number"),
    bool: msg("true/false"),
    list: msg("a list"),
    dict: msg("a mapping"),
    type(None): msg("nothing"),
}


def allowed_hint(word: str, allowed: list[str]) -> str:
    return did_you_mean(word, allowed) or msg("allowed: {names}", names=", ".join(allowed))


def explain(model: type[BaseModel], err: Mapping[str, Any]) -> tuple[str, str | None]:
    kind, loc, value, ctx = err["type"], tuple(err["loc"]), err.get("input"), err.get("ctx") or {}
    got = _TYPE_NAMES.get(type(value), type(value).__name__)
    expected = expected_at(model, loc)
    if kind == "missing":
        return msg("required field is missing"), msg("add '{name}:'", name=str(loc[-1]))
    if kind == "extra_forbidden":
        allowed = sorted(fields_at(model, loc[:-1]))
        return msg("unknown field '{name}'", name=str(loc[-1])), allowed_hint(str(loc[-1]), allowed)
    if kind in ("model_type", "dict_type", "model_attributes_type", "string_type", "int_type", "bool_type", "list_type", "float_type", "int_from_float"):
        return msg("expected {expected}, got {got}", expected=expected, got=got), None
    if kind == "string_too_short":
        # A list of words (a term's variants or search words) may hold an item left empty.
        return msg("text is empty"), msg("write the word, or delete the empty item") if loc and isinstance(loc[-1], int) else None
    if kind == "string_too_long":
        return msg("text is longer than {count} characters", count=str(ctx.get("max_length"))), msg("split it or shorten it")
    if kind == "too_short":
        return msg("list must not be empty"), None
    if kind in ("greater_than_equal", "less_than_equal") and loc and (loc[-1] in ("page", "pages") or isinstance(loc[-1], int)):
        return msg("page {page} is outside the report ({first}–{last})", page=str(value), first=REPORT_PAGES[0], last=REPORT_PAGES[1]), None
    if kind in ("greater_than_equal", "less_than_equal"):
        return msg("{value} is out of range ({detail})", value=str(value), detail=err["msg"].lower()), None
    if kind == "string_pattern_mismatch" and value == "":
        return msg("id is empty"), msg("write an id: lower-case a–z, digits and hyphens")
    if kind == "string_pattern_mismatch":
        return msg("'{value}' is not a valid id", value=str(value)), msg(
            "use lower-case a–z, digits and hyphens, e.g. '{example}'", example=slugify(str(value))
        )
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return msg("'{value}' is not allowed", value=str(value)), allowed_hint(str(value), allowed)
    return err["msg"], None


def annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type annotation at a location in the model, with lists and Optional unwrapped."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any, *, lists: bool = True) -> Any:
    """Annotated[X, …] -> X, X | None -> X and (with `lists`) list[X] -> X."""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is list and lists:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in args and len(args) == 2:
            annotation = next(a for a in args if a is not type(None))
        elif origin is typing.Annotated:
            annotation = args[0]
        else:
            return annotation


def fields_at(model: type[BaseModel], loc: Loc) -> set[str]:
    annotation = annotation_at(model, loc)
    return set(annotation.model_fields) if isinstance(annotation, type) and issubclass(annotation, BaseModel) else set()


def expected_at(model: type[BaseModel], loc: Loc) -> str:
    """What an editor should have written at `loc`, in words."""
    annotation: Any = annotation_at(model, loc)
    if loc and isinstance(loc[-1], str):
        parent = annotation_at(model, loc[:-1])
        if isinstance(parent, type) and issubclass(parent, BaseModel) and loc[-1] in parent.model_fields:
            declared = parent.model_fields[loc[-1]].annotation
            if typing.get_origin(_unwrap(declared, lists=False)) is list:
                return _TYPE_NAMES[list]
    if annotation in (Text, LongText):
        return msg("a text pair {nb: …, en: …}")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return msg("a mapping of fields")
    return _TYPE_NAMES.get(annotation, _TYPE_NAMES[str])


def slugify(value: str) -> str:
    return id_from_name(value) or "id"
