"""The content model: the one place that says what a record may contain.

Validation (`validate.py`), the editors' JSON Schemas (`schema.py`) and the renderers all read
these classes. Field descriptions are bilingual because editors see them in their YAML plugin.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo

from kb.examples import add_examples
from kb.labels import LANGS, LANGUAGES

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


class KindRecord(Record):
    """A record with a file of its own (a criterion, a case …): its id is its file name."""

    id: Id


class Criterion(KindRecord):
    """Suksesskriterium / success criterion: one of the report's nine pieces of advice."""

    number: int = Field(ge=1, le=99, description="Nummer i rapportens rekkefølge / number in the report's order")
    title: Text = Field(description="Tittel som i rapporten / title as in the report")
    short_title: Text = Field(description="Kort tittel for oversikter / short title for overviews")
    summary: LongText = Field(description="Kort sammendrag, ett avsnitt / short summary, one paragraph")
    meaning: LongText | None = Field(default=None, description="Hva det betyr i praksis / what it means in practice")
    rationale: LongText | None = Field(default=None, description="Hvorfor det er viktig, rapportens begrunnelse / why it matters, the report's reasoning")
    perspectives: list[PerspectiveId] = Field(min_length=1, description="Perspektiv(er) kriteriet hører til / perspective(s) the criterion belongs to")
    pages: Pages


class Perspective(KindRecord):
    """Perspektiv / perspective: ledelse, HR or gevinst (chapter 3 of the report)."""

    order: int = Field(ge=1, le=99, description="Rekkefølge i rapporten / order in the report")
    title: Text = Field(description="Tittel som i rapporten / title as in the report")
    short_title: Text = Field(description="Kort tittel for oversikter / short title for overviews")
    summary: LongText = Field(description="Hva perspektivet dekker / what the perspective covers")
    key_words: list[Text] = Field(default_factory=list, description="Stikkord / key words")
    research_questions: list[Text] = Field(default_factory=list, description="Forskningsspørsmål / research questions")
    hypotheses: list[Text] = Field(default_factory=list, description="Hypoteser / hypotheses")
    body: LongText | None = Field(default=None, description="Utdyping, Markdown / further text, Markdown")
    pages: Pages


CaseKind = Literal["kommune", "statlig-virksomhet", "kommunalt-foretak", "privat-virksomhet"]


def _year_as_text(value: object) -> object:
    """`as_of: 2016` is the same in both languages, so a bare year or plain text may stand alone."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return dict.fromkeys(LANGS, str(value))
    return value


class KeyFigure(Record):
    """A figure exactly as the report's fact box prints it."""

    label: Text = Field(description="Hva tallet gjelder / what the figure is")
    value: ShortStr = Field(description="Verdien nøyaktig som trykt / the value exactly as printed")
    # Editors may write a year or plain text on its own; the schema says so too (json_schema_input_type).
    as_of: Annotated[Text | None, BeforeValidator(_year_as_text, json_schema_input_type=Text | str | int | None)] = Field(
        default=None,
        description="Dato eller år tallet gjelder; utelatt: ikke oppgitt / date or year; omitted: not stated",
    )
    note: Text | None = Field(default=None, description="Merknad, f.eks. motstrid i rapporten / note, e.g. a contradiction")
    page: Page


class Programme(Record):
    """A named programme or project (DigIT, Smart omsorg, Digitalt førstevalg, …)."""

    name: ShortStr = Field(description="Navnet som i rapporten / the name as in the report")
    description: LongText = Field(description="Hva det er, med egne ord / what it is, in our own words")
    page: Page


class Observation(Record):
    """One headline of a case's Ledelses-, HR- or Gevinst- section, in our own words."""

    id: Id
    perspective: PerspectiveId = Field(description="Perspektiv-id / perspective id")
    title: Text = Field(description="Overskriften i rapporten / the report's headline")
    text: LongText = Field(description="Observasjonen med egne ord / the observation in our own words")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier observasjonen illustrerer / criteria it illustrates")
    pages: Pages


class Quote(Record):
    """A quotation, verbatim in Norwegian, attributed as the report attributes it."""

    id: Id
    text: LongText = Field(description="nb: ordrett fra rapporten; en: oversettelse / nb: verbatim from the report; en: translation")
    informant: Id | None = Field(
        default=None,
        description="Id-en til informanten som sier det, når rapporten sier hvem / the id of the informant who says it, when the report says who",
    )
    attribution: Text | None = Field(
        default=None,
        description=(
            "Kilde som rapporten oppgir, når det ikke er en informant; utelatt: casens navn"
            " / attribution as the report gives it, when not an informant; omitted: the case's name"
        ),
    )
    perspective: PerspectiveId = Field(description="Perspektiv-id / perspective id")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier sitatet belyser / criteria it illustrates")
    page: Page


class Informant(Record):
    """A person interviewed, from the report's informant list (page 83)."""

    id: Id = Field(
        description=(
            "Id i casen, f.eks. kari-nordmann; for en som ikke skal navngis: rollen, f.eks. it-direktor"
            " / id within the case, e.g. kari-nordmann; for someone not to be named: the role"
        )
    )
    # The repository is public: the name of a person who may not be named is never written down.
    name: ShortStr | None = Field(
        default=None,
        description="Navn som i informantlisten; utelates når publish_name er false / name as in the informant list; omitted when publish_name is false",
    )
    role: Text = Field(description="Stilling som i informantlisten / position as in the informant list")
    publish_name: bool = Field(description="Skal navnet publiseres? Må settes eksplisitt / publish the name? Must be set explicitly")


class Case(KindRecord):
    """Case-organisasjon / case organisation (chapter 4 of the report)."""

    name: Text = Field(description="Navnet som i rapporten / the name as in the report")
    kind: CaseKind = Field(description="Type virksomhet / kind of organisation")
    key_figures: list[KeyFigure] = Field(default_factory=list, description="Tall fra faktaboksen / figures from the fact box")
    summary: LongText = Field(description="Kort om digitaliseringsarbeidet / about its digitalisation work")
    programmes: list[Programme] = Field(default_factory=list, description="Navngitte programmer og prosjekter / named programmes and projects")
    observations: list[Observation] = Field(min_length=1, description="Én per overskrift i rapporten / one per headline of the report")
    quotes: list[Quote] = Field(default_factory=list, description="Sitater, ordrett / quotations, verbatim")
    informants: list[Informant] = Field(default_factory=list, description="Fra informantlisten, s. 83 / from the informant list, p. 83")
    informants_note: Text | None = Field(default=None, description="Om kilden til informantlisten / about the source of the informant list")
    pages: Pages


class Finding(KindRecord):
    """Funn / finding of the analysis (chapter 5), one per section."""

    section: ShortStr = Field(description="Avsnittsnummer i rapporten / section number in the report")
    title: Text = Field(description="Avsnittets overskrift / the section's heading")
    text: LongText = Field(description="Funnet med egne ord / the finding in our own words")
    perspective: PerspectiveId = Field(description="Perspektiv-id / perspective id")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier funnet støtter / criteria it supports")
    cases: list[CaseId] = Field(default_factory=list, description="Caser avsnittet nevner / cases the section names")
    pages: Pages


class TermVariants(Record):
    """Other forms of a term readers may search for, per language."""

    nb: list[ShortStr] = Field(default_factory=list, description="Norske varianter / Norwegian variants")
    en: list[ShortStr] = Field(default_factory=list, description="Engelske varianter / English variants")
    _other_languages(locals(), list[ShortStr], default_factory=list)


class Term(KindRecord):
    """Begrep / glossary term: a key term of the report in both languages, used for search too."""

    term: Text = Field(description="Begrepet på norsk og engelsk / the term in Norwegian and English")
    variants: TermVariants = Field(default_factory=TermVariants, description="Synonymer og andre former / synonyms and other forms")
    definition: LongText = Field(description="Forklaring med egne ord / explanation in our own words")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier begrepet hører til / related criteria")
    perspectives: list[PerspectiveId] = Field(default_factory=list, description="Perspektiver / related perspectives")
    pages: Pages


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
