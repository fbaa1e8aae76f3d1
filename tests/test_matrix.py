"""The overview matrix as rendered: counts in words with the right number, shading classes, the
narrow screens' list, whole-word column headers with a key, and the source line for print."""

from __future__ import annotations

import re

import pytest

from kb.pipeline import load_content
from kb.render import render_site

pytestmark = pytest.mark.unit


def matrix(content, lang: str, site_url: str | None = None) -> str:
    return render_site(load_content(content).catalog, lang, site_url)["matrix.md"]


@pytest.mark.parametrize("lang,one,two", [
    ("nb", "1 observasjon fra Testby kommune om K2", "2 observasjoner fra Testby kommune om K1"),
    ("en", "1 observation from Testby Municipality on K2", "2 observations from Testby Municipality on K1"),
])
def test_cells_say_one_in_the_singular_and_are_shaded_by_count(content, lang, one, two):
    page = matrix(content, lang)
    assert f'<td class="kb-matrix__n1"><a href="../criteria/involvering/#case-testby" aria-label="{one}">1</a></td>' in page
    assert f'<td class="kb-matrix__n2"><a href="../criteria/eierskap/#case-testby" aria-label="{two}">2</a></td>' in page


@pytest.mark.parametrize("lang,entry", [
    ("nb", '<a href="../criteria/eierskap/#case-testby">Testby kommune: 2 observasjoner</a>'),
    ("en", '<a href="../criteria/involvering/#case-testby">Testby Municipality: 1 observation</a>'),
])
def test_the_list_for_narrow_screens_has_every_criterion_with_its_cases_and_counts(content, lang, entry):
    page = matrix(content, lang)
    listing = re.search(r'<ul class="kb-matrix-list" data-search-exclude>\n(.*?)\n</ul>\n', page, re.S)[1]
    assert len(re.findall(r'<li><a href="../criteria/[^"#]+/">K\d', listing)) == 2  # one item per criterion
    assert entry in listing


def test_a_bracketed_gloss_leaves_the_header_for_the_key_and_stays_the_accessible_name(content):
    case = content / "cases" / "testby.yml"
    case.write_text(case.read_text("utf-8").replace("en: Testby Municipality}", "en: TBK (Testby Municipality)}", 1), "utf-8")
    page = matrix(content, "en")
    assert '<span aria-hidden="true">TBK</span><span class="kb-sr-only">TBK (Testby Municipality)</span></a></th>' in page
    assert '<p class="kb-matrix-key">TBK (Testby Municipality)</p>' in page
    assert "kb-matrix-key" not in matrix(content, "nb")  # nothing shortened, no key


@pytest.mark.parametrize("lang,line", [
    ("nb", '<p class="kb-print-only">Kilde: rapporten, s. 25–26. https://example.org/kb/matrix/</p>'),
    ("en", '<p class="kb-print-only">Source: the report, pp. 25–26. https://example.org/kb/en/matrix/</p>'),
])
def test_print_has_a_source_line_with_the_pages_counted_and_the_address(content, lang, line):
    assert line in matrix(content, lang, "https://example.org/kb/" + ("en/" if lang == "en" else ""))
