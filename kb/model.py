"""The content model: the one place that says what a record may contain.

Validation (`validate.py`), the editors' JSON Schemas (`schema.py`) and the renderers all read
these classes. Field descriptions are bilingual because editors see them in their YAML plugin.
Ids, texts, notes and the functions that read fields are in `kb/model_types.py`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from kb.labels import LANGS

# Re-exported: the rest of the package reads the whole model from here.
from kb.model_types import ID_PATTERN as ID_PATTERN
from kb.model_types import REFERS_KEY as REFERS_KEY
from kb.model_types import REPORT_PAGES as REPORT_PAGES
from kb.model_types import (
    CaseId,
    CriterionId,
    EditorNote,
    Id,
    LongText,
    Page,
    Pages,
    PerspectiveId,
    Record,
    ShortStr,
    SourceNote,
    Text,
    _other_languages,
)
from kb.model_types import model_in as model_in
from kb.model_types import reference_fields as reference_fields
from kb.model_types import refers_kind as refers_kind


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
    source_note: SourceNote
    editor_note: EditorNote
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
    source_note: SourceNote
    editor_note: EditorNote
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
    editor_note: EditorNote
    page: Page


class Gloss(Record):
    """What a Norwegian name means, for readers of the other languages (the name itself stays)."""

    en: ShortStr | None = Field(default=None, description="Engelsk forklaring av navnet / English gloss of the name")
    _other_languages(locals(), ShortStr | None)


class Programme(Record):
    """A named programme or project (DigIT, Smart omsorg, Digitalt førstevalg, …)."""

    name: ShortStr = Field(description="Navnet som i rapporten / the name as in the report")
    gloss: Gloss | None = Field(default=None, description="Hva navnet betyr, for lesere på andre språk / what the name means, for other languages")
    description: LongText = Field(description="Hva det er, med egne ord / what it is, in our own words")
    source_note: SourceNote
    editor_note: EditorNote
    page: Page


class Observation(Record):
    """One headline of a case's Ledelses-, HR- or Gevinst- section, in our own words."""

    id: Id
    perspective: PerspectiveId = Field(description="Perspektiv-id / perspective id")
    title: Text = Field(description="Overskriften i rapporten / the report's headline")
    text: LongText = Field(description="Observasjonen med egne ord / the observation in our own words")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier observasjonen illustrerer / criteria it illustrates")
    title_is_ours: bool = Field(
        default=False,
        description="true: rapporten har ingen overskrift her, tittelen er nettstedets / true: the report has no headline here, the title is the site's",
    )
    source_note: SourceNote
    editor_note: EditorNote
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
    source_note: SourceNote
    editor_note: EditorNote
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
    source_note: SourceNote
    editor_note: EditorNote
    pages: Pages


class Finding(KindRecord):
    """Funn / finding of the analysis (chapter 5), one per section."""

    section: ShortStr = Field(description="Avsnittsnummer i rapporten / section number in the report")
    title: Text = Field(description="Avsnittets overskrift / the section's heading")
    text: LongText = Field(description="Funnet med egne ord / the finding in our own words")
    perspective: PerspectiveId = Field(description="Perspektiv-id / perspective id")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier funnet støtter / criteria it supports")
    cases: list[CaseId] = Field(default_factory=list, description="Caser avsnittet nevner / cases the section names")
    source_note: SourceNote
    editor_note: EditorNote
    pages: Pages


class TermVariants(Record):
    """Other forms of a term readers may search for, per language."""

    nb: list[ShortStr] = Field(default_factory=list, description="Norske varianter / Norwegian variants")
    en: list[ShortStr] = Field(default_factory=list, description="Engelske varianter / English variants")
    _other_languages(locals(), list[ShortStr], default_factory=list)


# Kept apart from the variants, which the terminology check reads (a Norwegian variant in a text
# asks for the English term beside it): "sykehjem" leads readers to velferdsteknologi, but a text
# about a sykehjem need not say "welfare technology" in its English.
class TermSearchWords(Record):
    """Everyday words readers search with for a term, per language: for the search only."""

    nb: list[ShortStr] = Field(default_factory=list, description="Norske søkeord / Norwegian search words")
    en: list[ShortStr] = Field(default_factory=list, description="Engelske søkeord / English search words")
    _other_languages(locals(), list[ShortStr], default_factory=list)


class Term(KindRecord):
    """Begrep / glossary term: a key term of the report in both languages, used for search too."""

    term: Text = Field(description="Begrepet på norsk og engelsk / the term in Norwegian and English")
    variants: TermVariants = Field(default_factory=TermVariants, description="Synonymer og andre former / synonyms and other forms")
    search_words: TermSearchWords = Field(
        default_factory=TermSearchWords,
        description=(
            "Hverdagsord lesere søker med, som ikke er begrepets egne former (bare for søket)"
            " / everyday words readers search with that are not the term's own forms (search only)"
        ),
    )
    definition: LongText = Field(description="Forklaring med egne ord / explanation in our own words")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier begrepet hører til / related criteria")
    perspectives: list[PerspectiveId] = Field(default_factory=list, description="Perspektiver / related perspectives")
    source_note: SourceNote
    editor_note: EditorNote
    pages: Pages
