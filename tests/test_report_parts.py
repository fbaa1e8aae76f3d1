"""The parts of the report that are hand-written pages: its summary (pp. 5–10), chapter 2 (pp. 14–17)
and the interview guide (pp. 81–82), in both languages, complete and linked from where readers start.

Expected numbers and words come from the report itself, counted by hand.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from kb.pipeline import load_content

CATALOG = load_content(REPO).catalog
LANGS = ["nb", "en"]
NEW_PAGES = ["summary.md", "background.md", "interview-guide.md"]

# A page reference as the hand pages write it: "(S. 5.)", "(s. 81–82)", "(P. 5.)", "(Pp. 5–6.)".
PAGE_REFERENCE = re.compile(r"\b(?:[Ss]|[Pp]p?)\. \d+")

# The interview guide (pp. 81–82): the leadership part numbers its questions 1–19 (p. 81); the HR
# part has ten questions and the benefits part four (p. 82). Question 7 of the leadership part has
# four sub-points, the last benefits question seven.
INTERVIEW_GUIDE = {
    "nb": {"Ledelsesperspektivet": 19, "HR-perspektivet": 10, "Gevinstperspektivet": 4},
    "en": {"Leadership perspective": 19, "HR perspective": 10, "Benefits perspective": 4},
}
SUB_POINTS = {("Ledelsesperspektivet", 7): 4, ("Gevinstperspektivet", 4): 7}

# Chapter 2 (pp. 14–17) builds on these; each must be named on the chapter-2 page in both languages.
CHAPTER_2_SOURCES = {
    "nb": ["Teknologirådet", "Produktivitetskommisjonen", "Perspektivmeldingen", "Difi", "et lederansvar"],
    "en": ["Teknologirådet", "Produktivitetskommisjonen", "Perspektivmeldingen", "Difi", "a leadership responsibility"],
}
# Teknologirådet's three main points on how new technology can change the delivery model (p. 15).
THREE_POINTS = {
    "nb": ["Deltakende innbyggere", "Persontilpassede tjenester", "Forutseende institusjoner"],
    "en": ["Participating citizens", "Personalised services", "Anticipatory institutions"],
}


def page_text(lang: str, name: str) -> str:
    return (REPO / "content" / lang / name).read_text("utf-8")


def body_paragraphs(text: str) -> list[str]:
    """The running-text paragraphs after the front matter: no headings, lists, quotes or the
    one-line pointers to a criterion page."""
    body = text.split("\n---\n", 1)[1]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return [p for p in paragraphs if not p.startswith(("#", "- ", ">", "Kriteriesiden:", "Criterion page:")) and not re.match(r"\d+\. ", p)]


def sections(text: str) -> dict[str, str]:
    """The page's `## ` sections by heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", NEW_PAGES)
def test_report_part_pages_exist_and_cite_pages_in_every_paragraph(lang, page):
    text = page_text(lang, page)
    assert text.startswith("---\ndescription: ") and "\n# " in text
    for paragraph in body_paragraphs(text):
        if paragraph.startswith(("*Om kilden:*", "*About the source:*")) or PAGE_REFERENCE.search(paragraph):
            continue
        pytest.fail(f"content/{lang}/{page}: paragraph without a page reference: {paragraph[:80]!r}")


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_summary_links_all_nine_criteria_in_the_reports_order(lang):
    text = page_text(lang, "summary.md")
    linked = re.findall(r"\]\(criterion:([a-z0-9-]+)\)", text)
    assert linked == [c.id for c in CATALOG.ordered_criteria()]
    headings = re.findall(r"^### K(\d)\. ", text, flags=re.M)
    assert headings == [str(n) for n in range(1, 10)]


@pytest.mark.content
@pytest.mark.parametrize(
    ("lang", "hedges"),
    [
        # p. 5: the cases are «på langt nær … heldigitaliserte»; the advice «trolig» valid for «de fleste».
        ("nb", ["på langt nær", "heldigitaliserte", "*trolig*", "de fleste norske kommuner", "bør være forsiktig med å generalisere"]),
        ("en", ["far from", "fully digitalised", "*probably*", "most Norwegian municipalities", "careful about generalising"]),
    ],
)
def test_summary_keeps_the_reports_own_limits(lang, hedges):
    limits = sections(page_text(lang, "summary.md"))["Forbeholdene rapporten tar" if lang == "nb" else "The limits the report states"]
    for hedge in hedges:
        assert hedge in limits, hedge
    assert "(S. 5.)" in limits if lang == "nb" else "(P. 5.)" in limits


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_summary_shows_the_reports_contradiction_on_standardised_benefits_methods(lang):
    """The summary (p. 9) and 5.3.2 (p. 67) say all cases use standardised methods; Trondheim
    Parkering's case description (p. 53) says it has no established system."""
    note = re.search(r"^\*(?:Om kilden|About the source):\*.*$", page_text(lang, "summary.md"), flags=re.M)
    assert note and "(case:trondheim-parkering)" in note.group(0)
    assert all(page in note.group(0) for page in ("53", "67"))


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_chapter_2_page_names_what_the_report_builds_on(lang):
    text = page_text(lang, "background.md")
    for name in CHAPTER_2_SOURCES[lang] + THREE_POINTS[lang]:
        assert name in text, name
    # Produktivitetskommisjonen's figures as the report gives them (p. 16).
    assert "37 %" in text and "65 %" in text and "2030" in text
    for page in (14, 15, 16, 17):
        assert re.search(rf"\((?:S|P)\. {page}\.\)", text), f"no paragraph cites p. {page}"


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_interview_guide_is_complete(lang):
    parts = sections(page_text(lang, "interview-guide.md"))
    for (heading, count), nb_heading in zip(INTERVIEW_GUIDE[lang].items(), INTERVIEW_GUIDE["nb"], strict=True):
        questions = re.split(r"^\d+\. ", parts[heading], flags=re.M)[1:]
        numbers = [int(n) for n in re.findall(r"^(\d+)\. ", parts[heading], flags=re.M)]
        assert numbers == list(range(1, count + 1)), heading
        for number, question in enumerate(questions, 1):
            points = re.findall(r"^    - ", question, flags=re.M)
            assert len(points) == SUB_POINTS.get((nb_heading, number), 0), (heading, number)
            if lang == "en":
                assert "*(" in question, f"question {number} of {heading} has no translation"


@pytest.mark.content
def test_interview_guide_gives_the_reports_questions_verbatim():
    """The Norwegian questions are the report's text (letters repaired), the same on both pages."""
    first_and_last = [
        "Hvordan vil du si at den digitale omstillingen er forankret hos toppledelsen?",
        "Hva har dere gjort rundt læringseffekt relatert til ledelse i digital omstilling, og hva er de viktigste læringspunktene der har oppdaget?",
        "Har den digitale omstillingen hatt konsekvenser for kompetansebehov, arbeidsavtaler, stillinger, stillingsinstrukser osv?",
        "Hvordan vil du beskrive kulturen deres?",
        "Hvordan jobber dere med gevinster og gevinstrealisering innenfor digital omstilling?",
        "Hvilke utfordringer opplever du i arbeidet med å hente ut forventede gevinstene av digitaliseringen:",
    ]
    nb, en = page_text("nb", "interview-guide.md"), page_text("en", "interview-guide.md")
    for question in first_and_last:
        assert question in nb and question in en, question
    nb_questions = re.findall(r"^\d+\. (.+)$", nb, flags=re.M)
    en_questions = re.findall(r"^\d+\. (.+)$", en, flags=re.M)
    assert nb_questions == en_questions and len(nb_questions) == 33


@pytest.mark.content
@pytest.mark.parametrize("lang", LANGS)
def test_about_page_points_to_the_new_pages_instead_of_repeating_them(lang):
    about = page_text(lang, "about.md")
    assert "](background.md)" in about and "](interview-guide.md)" in about
    guide = sections(about)["Intervjuguiden" if lang == "nb" else "The interview guide"]
    assert len(guide) < 600, "the about page summarises the guide in a sentence and links the whole guide"


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_new_pages_are_built_linked_from_home_and_in_the_navigation(real_site, lang):
    root = real_site / ("en" if lang == "en" else "")
    home = (root / "index.html").read_text("utf-8")
    for page in NEW_PAGES:
        folder = page.removesuffix(".md")
        assert (root / folder / "index.html").is_file()
        # Once in the home page's text and once in the navigation.
        assert home.count(f'href="{folder}/"') >= 2, f"home ({lang}) does not link {folder}/ in its text and navigation"
    summary = (root / "summary" / "index.html").read_text("utf-8")
    for criterion_id in CATALOG.criteria:
        assert f'href="../criteria/{criterion_id}/"' in summary, criterion_id
