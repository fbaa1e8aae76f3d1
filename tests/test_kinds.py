"""The registry of record kinds: the report's five kinds, and a sixth declared here, in the test
only (the report's recommendations), that every part reading the registry handles: validation,
references and record links, pages and navigation, a real MkDocs build, open data, JSON Schema,
the editors' settings and `make new`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
from conftest import REPO, validate
from pydantic import Field

from kb.build import build_site
from kb.cli import main
from kb.export import export_files
from kb.kinds import RecordKind, kind_names, nav_kinds, record_kinds, register, registration_problems, unregister
from kb.model import CriterionId, Id, LongText, Pages, Record, Text
from kb.pipeline import load_content
from kb.render import render_site, site_nav
from kb.render.blocks import data_downloads
from kb.render.common import PageContext, criterion_link, join_lines, text_in
from kb.schema import editor_settings, schema_documents


class Recommendation(Record):
    """Anbefaling / recommendation: the report's advice, chapter 6."""

    id: Id
    title: Text = Field(description="Anbefalingen / the recommendation")
    text: LongText = Field(description="Begrunnelse / reasoning")
    criteria: list[CriterionId] = Field(default_factory=list, description="Kriterier / criteria")
    pages: Pages


def render_recommendations(page: PageContext) -> str:
    items = [f"- [{page.inline(r.title)}]({page.record_href('recommendation', r.id)})" for r in page.catalog.ordered("recommendation")]
    return join_lines(f"# {RECOMMENDATION.label('recommendations', page.lang)}", "\n".join(items))


def render_recommendation(recommendation: Recommendation, page: PageContext) -> str:
    criteria = ", ".join(criterion_link(page, page.catalog.criteria[c]) for c in recommendation.criteria)
    return join_lines(f"# {page.inline(recommendation.title)}", page.block(recommendation.text), criteria,
                      page.pages(recommendation.pages))


RECOMMENDATION = RecordKind(
    "recommendation", "recommendations", Recommendation, "content/recommendations", "recommendations",
    "recommendations", "recommendations", render_recommendations, render_recommendation,
    lambda r, lang: text_in(r.title, lang),
    labels={
        "recommendations": {"nb": "Anbefalinger", "en": "Recommendations"},
        "data_recommendations": {"nb": "Anbefalingene", "en": "The recommendations"},
    },
)
RECORD = """\
id: lederforankring
title: {nb: Forankre i toppledelsen, en: Anchor it in top management}
text:
  nb: Begynn med [eierskap](criterion:eierskap).
  en: Start with [ownership](criterion:eierskap).
criteria: [eierskap]
pages: [70]
"""
FILE = "content/recommendations/lederforankring.yml"
TEMPLATE = """\
# yaml-language-server: $schema=../../schemas/recommendation.schema.json
id: {id}
title: {nb: "", en: ""}
text: {nb: "", en: ""}
pages: []
"""


@pytest.fixture
def recommendations(content: Path) -> Iterator[Path]:
    """The fixture content with the recommendation kind registered, one recommendation, and a
    criterion that links to it."""
    register(RECOMMENDATION)
    try:
        (content / "content/recommendations").mkdir()
        (content / FILE).write_text(RECORD, "utf-8")
        criterion = content / "criteria/eierskap.yml"
        criterion.write_text(criterion.read_text("utf-8").replace(
            "Se [Testby](case:testby).", "Se [Testby](case:testby) og [anbefalingen](recommendation:lederforankring)."), "utf-8")
        yield content
    finally:
        unregister("recommendation")


@pytest.mark.unit
def test_the_report_kinds_in_their_orders():
    assert kind_names() == ("criterion", "perspective", "case", "finding", "term")
    assert [k.name for k in nav_kinds()] == ["criterion", "case", "perspective", "finding", "term"]
    for i, kind in enumerate(record_kinds()):
        assert registration_problems(kind, record_kinds()[:i]) == []
        assert (REPO / kind.template).is_file()


@pytest.mark.unit
def test_a_kind_that_clashes_or_lacks_a_label_is_refused_in_one_line():
    clash = RecordKind("anbefaling", "anbefalinger", Recommendation, "criteria", "anbefalinger", "anbefalinger",
                       "anbefalinger", render_recommendations, None, lambda r, lang: r.id)
    with pytest.raises(ValueError) as error:
        register(clash)
    assert str(error.value) == "record kind 'anbefaling': its folder 'criteria' is that of 'criterion'"
    unlabelled = RecordKind("anbefaling", "anbefalinger", Recommendation, "content/anbefalinger", "anbefalinger",
                            "anbefalinger", "criteria", render_recommendations, None, lambda r, lang: r.id)
    assert registration_problems(unlabelled, record_kinds()) == [
        "no label 'data_anbefalinger' in both languages (add it to kb/labels.py or to the kind's labels)"]
    assert "anbefaling" not in kind_names()


@pytest.mark.unit
def test_an_added_kind_is_validated_with_lines_and_counted(recommendations, capsys):
    assert validate(recommendations, capsys) == (0, [])
    main(["--root", str(recommendations), "validate"])
    assert capsys.readouterr().out == (
        "validate: ok, 0 warning(s) (2 criteria, 2 perspectives, 1 cases, 1 findings, 1 terms, 1 recommendations)\n")
    (recommendations / FILE).write_text(RECORD.replace("criteria: [eierskap]", "criteria: [eierskapp]"), "utf-8")
    (recommendations / "content/nb/index.md").write_text("# Forside\n\nSe [x](recommendation:lederforankringen).\n", "utf-8")
    assert validate(recommendations, capsys) == (1, [
        "content/nb/index.md:3: unknown recommendation 'lederforankringen' in link (did you mean 'lederforankring'?)",
        "content/recommendations/lederforankring.yml:6: criteria[0]: unknown criterion 'eierskapp' (did you mean 'eierskap'?)",
    ])
    (recommendations / FILE).write_text(RECORD.replace("text:", "tekst:"), "utf-8")
    assert validate(recommendations, capsys) == (1, [
        "content/nb/index.md:3: unknown recommendation 'lederforankringen' in link",
        "content/recommendations/lederforankring.yml:3: tekst: unknown field 'tekst' (did you mean 'text'?)",
    ])


@pytest.mark.unit
def test_the_link_hint_names_every_kind(recommendations, capsys):
    criterion = recommendations / "criteria/eierskap.yml"
    criterion.write_text(criterion.read_text("utf-8").replace("(case:testby) og", "(testby.md) og"), "utf-8")
    assert validate(recommendations, capsys) == (1, [
        "criteria/eierskap.yml:6: summary.nb: link 'testby.md' is neither a web address nor a record link (use https://… or "
        "criterion:<id>, perspective:<id>, case:<id>, finding:<id>, term:<id>, recommendation:<id>)"])


@pytest.mark.unit
def test_records_of_an_added_kind_are_read_in_this_process_not_by_workers_that_do_not_know_it(recommendations, capsys, monkeypatch):
    monkeypatch.setattr("kb.pipeline.PARALLEL_FROM", 1)
    assert validate(recommendations, capsys, "--no-cache") == (0, [])


@pytest.mark.unit
def test_an_added_kind_gets_its_pages_links_and_navigation(recommendations):
    catalog = load_content(recommendations).catalog
    pages = render_site(catalog, "nb")
    assert pages["recommendations/index.md"].startswith(
        "# Anbefalinger\n\n- [Forankre i toppledelsen](lederforankring.md)\n")
    assert pages["recommendations/lederforankring.md"].startswith(
        "# Forankre i toppledelsen\n\nBegynn med [eierskap](../criteria/eierskap.md).\n\n"
        "[K1 Eierskap](../criteria/eierskap.md)\n\nKilde: rapporten, s. 70.\n")
    assert "[anbefalingen](../recommendations/lederforankring.md)" in pages["criteria/eierskap.md"]
    assert site_nav(catalog, "en", [])[-2] == {"Recommendations": [
        "recommendations/index.md", {"Anchor it in top management": "recommendations/lederforankring.md"}]}


@pytest.mark.site
def test_an_added_kind_is_built_by_mkdocs_in_both_languages(recommendations, tmp_path):
    build_site(recommendations, tmp_path / "site")
    for prefix in ("", "en/"):
        page = (tmp_path / "site" / prefix / "recommendations/lederforankring/index.html").read_text("utf-8")
        assert 'href="../../criteria/eierskap/"' in page
        criterion = (tmp_path / "site" / prefix / "criteria/eierskap/index.html").read_text("utf-8")
        assert 'href="../../recommendations/lederforankring/"' in criterion
    assert json.loads((tmp_path / "site/data/recommendations.json").read_text("utf-8"))["records"][0]["id"] == "lederforankring"
    assert (tmp_path / "site/data/schemas/recommendation.schema.json").is_file()


@pytest.mark.unit
def test_an_added_kind_has_open_data_a_schema_and_editor_help(recommendations):
    files = export_files(load_content(recommendations).catalog)
    # CSV for spreadsheets (issue 15): a byte order mark, plain text, K-codes beside the ids, the pages.
    assert files["recommendations.csv"] == (
        "\ufeffid,title_nb,title_en,text_nb,text_en,criteria,criteria_codes,pages,page_url_nb,page_url_en\n"
        "lederforankring,Forankre i toppledelsen,Anchor it in top management,"
        "Begynn med eierskap.,Start with ownership.,eierskap,K1,70,recommendations/lederforankring/,en/recommendations/lederforankring/\n")
    data_page = data_downloads(PageContext("nb", "index.md", load_content(recommendations).catalog))
    assert "| [recommendations.json](data/recommendations.json) | Anbefalingene |" in data_page
    schema = json.loads(schema_documents({"criterion": ["eierskap"]})["recommendation.schema.json"])
    assert schema["$id"] == "recommendation.schema.json" and sorted(schema["properties"]) == sorted(Recommendation.model_fields)
    assert schema["$defs"]["criterion-ids"]["enum"] == ["eierskap"]  # offered where its criteria are named
    assert json.loads(editor_settings("{}"))["yaml.schemas"]["./schemas/recommendation.schema.json"] == [
        "content/recommendations/*.yml"]


@pytest.mark.unit
def test_make_new_starts_an_added_kind_from_its_template_or_says_in_one_line_that_there_is_none(recommendations, capsys):
    assert main(["--root", str(recommendations), "new", "recommendation", "ny"]) == 1
    assert capsys.readouterr().err == "new: no template for a recommendation (templates/recommendation.yml is missing); nothing was written\n"
    (recommendations / "templates").mkdir()
    (recommendations / "templates/recommendation.yml").write_text(TEMPLATE, "utf-8")
    assert main(["--root", str(recommendations), "new", "recommendation", "ny"]) == 0
    assert capsys.readouterr().out == "new: wrote content/recommendations/ny.yml; fill in the empty values, then run: make validate\n"
    assert (recommendations / "content/recommendations/ny.yml").read_text("utf-8") == TEMPLATE.replace("{id}", "ny")
    assert validate(recommendations, capsys) == (1, [
        "content/recommendations/ny.yml:3: title.en: text is empty",
        "content/recommendations/ny.yml:3: title.nb: text is empty",
        "content/recommendations/ny.yml:4: text.en: text is empty",
        "content/recommendations/ny.yml:4: text.nb: text is empty",
        "content/recommendations/ny.yml:5: pages: list must not be empty",
    ])
