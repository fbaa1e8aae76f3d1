"""The real content is complete: every record, every text in both languages, every link both ways.

Expected numbers come from the report itself (its table of contents, case chapters and informant
list), counted by hand; they change only if the report's content was missed or misread.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from kb.labels import FIGURE_FORMATS
from kb.locale_format import localised_figure
from kb.model import LongText, Text
from kb.pipeline import load_content

CONTENT = load_content(REPO)
CATALOG = CONTENT.catalog

# Chapter 5's sections (table of contents, p. 3): one finding each.
CHAPTER_5_SECTIONS = ["5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.2.5", "5.3.1", "5.3.2", "5.3.3"]
HAND_WRITTEN_PAGES = ["index.md", "about.md", "cite.md", "sources.md", "data.md", "summary.md", "background.md", "interview-guide.md"]


@pytest.mark.content
def test_strict_validation_is_clean():
    """`make validate STRICT=1`: no errors and no warnings (every English text is there)."""
    assert CONTENT.issues == []
    assert CONTENT.ok(strict=True)


@pytest.mark.content
def test_nine_criteria_in_the_reports_order():
    assert [c.number for c in CATALOG.ordered_criteria()] == list(range(1, 10))


@pytest.mark.content
@pytest.mark.parametrize("criterion_id", sorted(CATALOG.criteria))
def test_every_criterion_is_complete(criterion_id):
    criterion = CATALOG.criteria[criterion_id]
    for field in ("title", "short_title", "summary", "meaning", "rationale"):
        text = getattr(criterion, field)
        assert isinstance(text, (Text, LongText)) and text.nb.strip() and text.en and text.en.strip(), field
    assert criterion.perspectives and criterion.pages


@pytest.mark.content
def test_three_perspectives_each_complete():
    assert [p.id for p in CATALOG.ordered_perspectives()] == ["ledelse", "hr", "gevinst"]
    for perspective in CATALOG.ordered_perspectives():
        assert perspective.key_words and perspective.research_questions and perspective.hypotheses
        assert perspective.body and perspective.body.en
        for text in perspective.key_words + perspective.research_questions + perspective.hypotheses:
            assert text.nb.strip() and text.en and text.en.strip()


@pytest.mark.content
def test_one_finding_per_chapter_5_section():
    assert sorted(f.section for f in CATALOG.findings.values()) == CHAPTER_5_SECTIONS
    for finding in CATALOG.findings.values():
        expected_perspective = {"1": "ledelse", "2": "hr", "3": "gevinst"}[finding.section.split(".")[1]]
        assert finding.perspective == expected_perspective, finding.id
        assert finding.criteria, f"{finding.id} supports no criterion"


@pytest.mark.content
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("page", HAND_WRITTEN_PAGES)
def test_hand_written_pages_exist_in_both_languages(lang, page):
    text = (REPO / "content" / lang / page).read_text("utf-8")
    assert text.startswith("---\ndescription: ") and "\n# " in text and len(text) > 300


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_home_page_links_every_criterion_case_and_perspective(real_site, lang):
    root = real_site / ("en" if lang == "en" else "")
    html = (root / "index.html").read_text("utf-8")
    for folder, ids in (("criteria", CATALOG.criteria), ("cases", CATALOG.cases), ("perspectives", CATALOG.perspectives)):
        for record_id in ids:
            assert re.search(rf'href="{folder}/{record_id}/"', html), f"home ({lang}) does not link {folder}/{record_id}"


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("criterion_id", sorted(CATALOG.criteria))
def test_criterion_page_shows_perspectives_cases_and_findings(real_site, lang, criterion_id):
    root = real_site / ("en" if lang == "en" else "")
    html = (root / "criteria" / criterion_id / "index.html").read_text("utf-8")
    links = CATALOG.links_to("criterion", criterion_id)
    for perspective_id in CATALOG.criteria[criterion_id].perspectives:
        assert f'href="../../perspectives/{perspective_id}/"' in html
    for case in links.cases:
        assert f'href="../../cases/{case.id}/"' in html
    for finding in links.findings:
        assert f'href="../../findings/{finding.id}/"' in html


# Counted in the report (chapter 4 and the informant list, p. 83): observations = the bold
# headlines of each case's Ledelses-, HR- and Gevinst- sections (Oslo: 5 headlines plus its two
# sections without one, 4.4.3's opening and 4.4.4); quotes = pull quotes and direct quotations.
# The knowledge base may grow (a new case, a quote an editor adds from the report, a second
# report's material), so these are what must be there at least: a lost record still fails.
CASE_COUNTS = {
    "baerum": {"observations": 13, "quotes": 3, "informants": 7},
    "bergen": {"observations": 12, "quotes": 0, "informants": 2},
    "trondheim": {"observations": 13, "quotes": 1, "informants": 4},
    "oslo": {"observations": 7, "quotes": 3, "informants": 2},
    "nav": {"observations": 7, "quotes": 2, "informants": 2},
    "sr-bank": {"observations": 9, "quotes": 2, "informants": 2},
    "trondheim-parkering": {"observations": 11, "quotes": 1, "informants": 4},
}


@pytest.mark.content
def test_the_reports_seven_cases_with_at_least_the_reports_counts():
    assert set(CASE_COUNTS) <= set(CATALOG.cases)
    for case_id, counts in CASE_COUNTS.items():
        case = CATALOG.cases[case_id]
        actual = {"observations": len(case.observations), "quotes": len(case.quotes), "informants": len(case.informants)}
        assert all(actual[what] >= counts[what] for what in counts), (case_id, actual, counts)
    assert sum(len(CATALOG.cases[c].informants) for c in CASE_COUNTS) >= 23  # the informant list's length


@pytest.mark.content
@pytest.mark.parametrize("case_id", sorted(CASE_COUNTS))
def test_every_case_illustrates_three_criteria_and_all_perspectives(case_id):
    case = CATALOG.cases[case_id]
    assert len(CATALOG.case_criteria(case)) >= 3
    assert [p.id for p in CATALOG.case_perspectives(case)] == ["ledelse", "hr", "gevinst"]
    assert case.key_figures and case.summary.en


@pytest.mark.content
def test_every_criterion_is_illustrated_by_a_case():
    for criterion in CATALOG.ordered_criteria():
        assert CATALOG.links_to("criterion", criterion.id).observations, criterion.id


def visible_text(html: str) -> str:
    """The page's text roughly as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    import html as html_module

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("case_id", sorted(CASE_COUNTS))
def test_case_page_shows_facts_quotes_and_informants(real_site, lang, case_id):
    case = CATALOG.cases[case_id]
    root = real_site / ("en" if lang == "en" else "")
    html = (root / "cases" / case_id / "index.html").read_text("utf-8")
    text = visible_text(html)
    for figure in case.key_figures:
        # Norwegian pages show the figure as printed; English ones in English conventions (or as printed).
        shown = localised_figure(figure.value, FIGURE_FORMATS[lang]) or figure.value
        assert " ".join(shown.split()) in text
        assert " ".join((figure.label.en if lang == "en" else figure.label.nb).split()) in text
    for quote in case.quotes:
        assert f'id="{quote.id}"' in html
        assert " ".join(quote.text.nb.split()) in text  # the Norwegian words, on both sites
        if lang == "en":
            assert " ".join(quote.text.en.split()) in text
    for informant in case.informants:
        assert (informant.name in text) == informant.publish_name
    for observation in case.observations:
        assert f'id="{observation.id}"' in html
