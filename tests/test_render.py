"""Renderers: golden Markdown for the fixture records, in both languages.

To accept a deliberate change of output: UPDATE_GOLDEN=1 make test, then review the diff.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.pipeline import load_content
from kb.render import render_site, site_nav
from kb.render.common import page_ranges, resolve_links_from
from kb.site_links import relative_path

pytestmark = pytest.mark.unit

GOLDEN = Path(__file__).resolve().parent / "golden"
PAGES = [
    "cases/testby.md", "criteria/eierskap.md", "perspectives/ledelse.md", "findings/funn-eierskap.md", "criteria/index.md",
    "cases/index.md", "quotes.md",
]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_golden_markdown(content, lang, path):
    rendered = render_site(load_content(content).catalog, lang)[path]
    golden = GOLDEN / lang / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, "utf-8")
    assert rendered == golden.read_text("utf-8")


def test_every_record_gets_a_page_in_each_language(content):
    catalog = load_content(content).catalog
    for lang in ("nb", "en"):
        assert sorted(render_site(catalog, lang)) == [
            "cases/index.md", "cases/testby.md",
            "criteria/eierskap.md", "criteria/index.md", "criteria/involvering.md",
            "findings/funn-eierskap.md", "findings/index.md", "glossary/index.md",
            "informants.md", "matrix-print.md", "matrix.md",
            "perspectives/hr.md", "perspectives/index.md", "perspectives/ledelse.md", "quotes.md",
        ]


def test_unpublished_informant_is_shown_by_role_and_organisation_only(content):
    catalog = load_content(content).catalog
    for lang in ("nb", "en"):
        pages = render_site(catalog, lang)
        assert "Kari Publisert" in pages["cases/testby.md"]
        assert "None" not in "".join(pages.values())  # the missing name leaves no trace
    assert "- Rådgiver, Testby kommune" in render_site(catalog, "nb")["cases/testby.md"]


def test_missing_english_falls_back_to_norwegian_marked_with_lang(content):
    path = content / "criteria/involvering.yml"
    path.write_text(path.read_text("utf-8").replace(", en: It means participation.}", "}"), "utf-8")
    page = render_site(load_content(content).catalog, "en")["criteria/involvering.md"]
    assert '<div lang="nb" markdown="1">\n\nDet betyr medvirkning.\n\n</div>' in page


def test_nav_lists_sections_in_the_page_language(content):
    nav = site_nav(load_content(content).catalog, "en", ["index.md", "about.md"])
    assert nav[0] == {"Home": "index.md"}
    assert list(nav[1]) == ["Success criteria"]
    assert nav[1]["Success criteria"] == [
        "criteria/index.md", {"K1 Ownership": "criteria/eierskap.md"}, {"K2 Involvement": "criteria/involvering.md"},
    ]
    assert nav[-1] == "about.md"


def test_record_links_become_relative_page_links():
    text = "See [B](case:bergen), [c](criterion:toppledelse#x) and [web](https://ks.no)."
    assert resolve_links_from("cases/baerum.md", text) == (
        "See [B](bergen.md), [c](../criteria/toppledelse.md#x) and [web](https://ks.no)."
    )
    assert resolve_links_from("index.md", "[B](case:bergen)") == "[B](cases/bergen.md)"


def test_page_ranges():
    assert page_ranges([33, 30, 31, 32, 83, 31]) == "30–33, 83"
    assert page_ranges([5]) == "5"


def test_home_page_blocks_are_filled_with_generated_overviews(content):
    from kb.render.blocks import render_hand_page
    from kb.render.common import PageContext

    catalog = load_content(content).catalog
    home = render_hand_page("# Home\n\n<!-- kb:criteria-overview -->\n", PageContext("en", "index.md", catalog))
    assert "<!-- kb:" not in home
    assert "-   **[K1 Ownership](criteria/eierskap.md)**\n\n    Top management must take ownership" in home
    assert "**[K2 Involvement](criteria/involvering.md)**" in home
    assert home.count('<div class="grid cards" markdown="1">') == 1


def test_nav_lists_only_the_overview_when_a_kind_has_very_many_records(content):
    from kb.render.site import NAV_LIMIT

    catalog = load_content(content).catalog
    case = catalog.cases["testby"]
    many = {f"case-{i}": case.model_copy(update={"id": f"case-{i}"}) for i in range(NAV_LIMIT + 1)}
    catalog.cases.clear()
    catalog.cases.update(many)
    nav = site_nav(catalog, "nb", ["index.md"])
    assert {"Casene": "cases/index.md"} in nav


SEGMENTS = st.lists(st.sampled_from(["cases", "criteria", "en", "a.md", "index.md", "b", ".", ".."]), max_size=4)


@given(target=SEGMENTS, folder=SEGMENTS, absolute=st.booleans())
def test_relative_path_agrees_with_posixpath_relpath(target, folder, absolute):
    """Links are computed without the file system, but exactly as os.path would compute them."""
    lead = "/" if absolute else ""
    target_path, folder_path = lead + "/".join(target), lead + "/".join(folder)
    above_root = [p for p in (target_path, folder_path) if posixpath.normpath(p or ".").split("/")[0] == ".."]
    if not absolute and above_root:
        return  # a path above the site's root: relpath's answer depends on the working directory
    assert relative_path(target_path or ".", folder_path or ".") == posixpath.relpath(target_path or ".", folder_path or ".")
