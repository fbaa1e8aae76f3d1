"""The report to the letter: facts a line-by-line review against the report corrected, pinned so
they cannot drift back. Each pin holds for the records as they grow (a page list may gain pages, a
case may gain observations); what it pins is what the report says."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel
from conftest import REPO

from kb.model import LongText, Text
from kb.pipeline import load_content

pytestmark = pytest.mark.content

CATALOG = load_content(REPO).catalog

# Pages each criterion's text relies on that it once left out (K9's chapter-5 content is on p. 60;
# K7's home-care keys, "ostehøvel" and the Digital Bærumsskole box on p. 68; K2's pp. 58 and 63).
CRITERION_PAGES = {9: {60}, 7: {68}, 2: {58, 63}}

# The report's headlines, verbatim, where the site once reworded them.
BERGEN_HEADLINES = [
    "Langsiktig arbeid med fokus på infrastruktur og felleskomponenter",
    "Digitalisering er integrert i både administrativ og politisk ledelse",
    "Dreining fra teknologifokus til organisasjonsfokus",
    "Forskjellige tilnærminger til å utvikle digital kompetanse",
    "Ledere kurses i endringsledelse",
    "Evnen til gevinstrealisering har økt i takt med antall gjennomførte prosjekter",
]

TRONDHEIM_HEADLINES = ["Programorganisering sikrer gjennomføringskraft", "Omstilling kan trenes på", "Kvalitative gevinster er utfordrende å måle"]
TRONDHEIM_PARKERING_HEADLINES = ["Lovverk og eierforhold begrenser gevinstrealisering", "Manglende systematisk oppfølging av gevinster"]

# Working notes belong in `editor_note`, which is never published.
WORKING_NOTE = re.compile(r"\bOCR\b|må kontrolleres|must be checked|ikke kontrollert mot|not checked against", re.IGNORECASE)


@pytest.mark.parametrize("number, pages", sorted(CRITERION_PAGES.items()))
def test_each_criterion_cites_the_pages_its_text_relies_on(number, pages):
    criterion = next(c for c in CATALOG.criteria.values() if c.number == number)
    assert pages <= set(criterion.pages)


@pytest.mark.parametrize("case_id, headlines", [
    ("bergen", BERGEN_HEADLINES), ("trondheim", TRONDHEIM_HEADLINES), ("trondheim-parkering", TRONDHEIM_PARKERING_HEADLINES)])
def test_the_reworded_headlines_are_the_reports_again(case_id, headlines):
    titles = {o.title.nb for o in CATALOG.cases[case_id].observations}
    assert [h for h in headlines if h not in titles] == []


def test_trondheim_parkering_says_where_the_report_contradicts_itself():
    """The summary (p. 9) and 5.3.2 (p. 67) say every case uses standardised benefits methods; the
    case itself (p. 53) says it has no established system. Readers of the case page are told."""
    note = CATALOG.cases["trondheim-parkering"].source_note
    assert note is not None
    assert "ikke et innarbeidet og uttalt system for gevinstrealisering" in note.nb
    assert all(page in note.nb for page in ("s. 9", "s. 53", "s. 67")) and "p. 67" in (note.en or "")


def published_texts(value, where=""):
    """Every text readers see: the model's texts, without the editors' working notes (not dumped)."""
    if isinstance(value, (Text, LongText)):
        for lang in ("nb", "en"):
            if getattr(value, lang):
                yield f"{where}.{lang}", getattr(value, lang)
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if not info.exclude:
                yield from published_texts(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from published_texts(item, f"{where}[{i}]")


def test_no_working_note_reaches_readers():
    """'OCR', 'must be checked' and the like are for editors: in `editor_note`, never in a text or page."""
    found = [f"{kind}/{record_id}{where}" for kind, records in CATALOG.records.items() for record_id, record in records.items()
             for where, text in published_texts(record) if WORKING_NOTE.search(text)]
    found += [str(p.relative_to(REPO)) for p in sorted((REPO / "content").glob("*/*.md")) if WORKING_NOTE.search(p.read_text("utf-8"))]
    assert found == []
