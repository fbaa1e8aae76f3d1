"""The building blocks of the content model: ids and references, pages, texts in every language,
notes, and the functions that read a model's fields. The records themselves are in `kb/model.py`."""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo

from kb.examples import add_examples
from kb.labels import LANGUAGES

# The report has 83 numbered pages (the informant list is on page 83).
REPORT_PAGES = (1, 83)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Id: små bokstaver a–z, sifre og bindestrek / lower-case a–z, digits and hyphens"),
]


@dataclass(frozen=True)
class Refers:
    """Marks an id field with the kind of record its ids name: references are found by it."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Marks the field for kb/schema.py, which offers the ids on disk there for completion.
        return {**handler(core_schema), REFERS_KEY: self.kind}


REFERS_KEY = "x-refers"
CriterionId = Annotated[Id, Refers("criterion")]
PerspectiveId = Annotated[Id, Refers("perspective")]
CaseId = Annotated[Id, Refers("case")]
Page = Annotated[
    int,
    Field(ge=REPORT_PAGES[0], le=REPORT_PAGES[1], description="Side i rapporten / page of the report"),
]
Pages = Annotated[
    list[Page],
    Field(min_length=1, description="Sider i rapporten som posten bygger på / report pages the record is based on"),
]
# Long enough for any paragraph of the report; anything longer is a pasting accident.
ShortStr = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]
LongStr = Annotated[str, StringConstraints(min_length=1, max_length=20_000, strip_whitespace=True)]


class Record(BaseModel):
    # strict: "5" is not a number and a list is not a text; extra: a typo is an error, not silence.
    # Each field's example (kb/examples.py) goes into the schema: editors see it, templates show it.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, json_schema_extra=add_examples)


def _other_languages(namespace: dict[str, Any], text_type: Any, *, default_factory: Any = None) -> None:
    """A field for each language of languages/*.yml beyond Norwegian and English (whose fields,
    with their bilingual descriptions, are written out): a new language is a data file, no code."""
    for lang, file in LANGUAGES.items():
        if lang not in ("nb", "en"):
            namespace["__annotations__"][lang] = text_type
            description = f"{file.language.name} / {file.language.english_name} translation (missing: a warning)"
            namespace[lang] = (
                Field(default_factory=default_factory, description=description) if default_factory else Field(default=None, description=description)
            )


class Text(Record):
    """A short text in both languages: Norwegian is the source, English a faithful translation."""

    nb: ShortStr = Field(description="Norsk bokmål (kilden) / Norwegian Bokmål (the source)")
    en: ShortStr | None = Field(default=None, description="Engelsk oversettelse / English translation (missing: a warning)")
    _other_languages(locals(), ShortStr | None)


class LongText(Record):
    """A longer text in both languages; Markdown is allowed, raw HTML is not."""

    nb: LongStr = Field(description="Norsk bokmål, Markdown / Norwegian Bokmål, Markdown")
    en: LongStr | None = Field(default=None, description="Engelsk oversettelse, Markdown / English translation, Markdown")
    _other_languages(locals(), LongStr | None)


# A note for readers about the source (the report's own gaps and contradictions), and a working
# note for editors that never leaves the repository (exclude: no export or dump carries it).
SourceNote = Annotated[
    Text | None,
    Field(
        default=None,
        description=(
            "Kildemerknad for leseren: motstrid eller hull i rapporten, rekonstruert tekst / "
            "note for readers on the source: a contradiction or gap in the report, reconstructed text"
        ),
    ),
]
EditorNote = Annotated[
    str | None,
    StringConstraints(min_length=1, max_length=2_000, strip_whitespace=True),
    Field(
        default=None,
        exclude=True,
        description="Arbeidsnotat for redaktører; publiseres aldri / working note for editors; never published",
    ),
]


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside `list[X]`, `X | None` or `Annotated[X, …]`, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in typing.get_args(annotation) if (found := model_in(arg))), None)


def _refers(annotation: Any) -> str | None:
    if isinstance(annotation, Refers):
        return annotation.kind
    return next((kind for arg in typing.get_args(annotation) if (kind := _refers(arg))), None)


def refers_kind(info: FieldInfo) -> str | None:
    """The kind of record a field's ids name, or None for a field that holds no references."""
    # Pydantic moves a field's own `Annotated` marks into its metadata; a list keeps them inside.
    return next((m.kind for m in info.metadata if isinstance(m, Refers)), None) or _refers(info.annotation)


@functools.cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, str | None, type[BaseModel] | None], ...]:
    """(field, the kind its ids name, or else the model of the records in it that hold ids) of
    each field of `model` where references are found: read once per model, not per record."""
    found = []
    for name, info in model.model_fields.items():
        kind = refers_kind(info)
        nested = None if kind else model_in(info.annotation)
        if kind or (nested is not None and reference_fields(nested)):
            found.append((name, kind, nested))
    return tuple(found)
