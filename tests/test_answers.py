"""Answers where readers look: observations' first sentences on criterion pages, the "at a glance"
box and related cases on case pages, kind and size in the case list, the directories' jump links."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.labels import FIGURE_FORMATS
from kb.locale_format import localised_figure
from conftest import REPO

from kb.labels import CASE_KINDS, label
from kb.pipeline import load_content
from kb.render import render_site
from kb.render.excerpt import first_sentences, plain_text
from kb.render.glance import size_figure

CATALOG = load_content(REPO).catalog
LANGS = ("nb", "en")


class Page(HTMLParser):
    """The article of a built page: its text, its links (href, text) and every element id."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.regions: list[dict[str, str | None]] = []
        self.in_article = 0
        self.href: str | None = None
        self.link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "article":
            self.in_article += 1
        if tag == "section":
            self.regions.append(attributes)
        if tag == "a" and self.in_article:
            self.href, self.link_text = attributes.get("href"), []

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag == "a" and self.href is not None:
            self.links.append((self.href, " ".join("".join(self.link_text).split())))
            self.href = None

    def handle_data(self, data):
        if self.in_article:
            self.text.append(data)
            if self.href is not None:
                self.link_text.append(data)

    @property
    def words(self) -> str:
        return " ".join("".join(self.text).split())


def read(site: Path, lang: str, path: str) -> Page:
    page = Page()
    page.feed((site / ("en/" if lang == "en" else "") / path / "index.html").read_text("utf-8"))
    return page


def resolve(page_path: str, href: str) -> tuple[str, str]:
    """A relative href from the page at `page_path` ('criteria/k/') -> (site path, anchor)."""
    target, _, anchor = href.partition("#")
    return posixpath.normpath(posixpath.join(page_path, target)) + "/", anchor


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_criterion_pages_show_each_observations_first_sentences_and_a_working_read_more(real_site, lang):
    read_more = label("read_more", lang)
    for criterion in CATALOG.ordered_criteria():
        path = f"criteria/{criterion.id}/"
        page = read(real_site, lang, path)
        observations = CATALOG.links_to("criterion", criterion.id).observations
        assert observations, criterion.id
        for case, observation in observations:
            excerpt = first_sentences(getattr(observation.text, lang))
            assert excerpt in page.words, (criterion.id, observation.id)
            # "Read more", then (for screen readers, hidden) the observation it opens.
            hrefs = [href for href, text in page.links if text.startswith(read_more + ":") and href.endswith(f"#{observation.id}")]
            assert len(hrefs) == 1, (criterion.id, observation.id)
            target, anchor = resolve(path, hrefs[0])
            assert target == f"cases/{case.id}/"
            assert anchor in read(real_site, lang, target).ids, (criterion.id, observation.id)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_case_page_opens_with_at_a_glance_and_ends_with_related_cases(real_site, lang):
    for case in CATALOG.ordered_cases():
        page = read(real_site, lang, f"cases/{case.id}/")
        assert {"aria-labelledby": "at-a-glance", "class": "admonition abstract kb-glance"} in page.regions, case.id
        assert {"at-a-glance", "related-cases"} <= page.ids, case.id
        words = page.words
        # The box ends where the page's own sections begin: its key figures, or (a case without
        # them, as a new one may be) its summary.
        points_at = words.index(label("glance_key_points", lang))
        ends = [words.find(label(key, lang), points_at) for key in ("key_figures", "summary")]
        glance = words[words.index(label("at_a_glance", lang)) : min(end for end in ends if end > 0)]
        assert CASE_KINDS[case.kind][lang] in glance
        assert first_sentences(getattr(case.summary, lang), most=1) in glance
        for criterion in CATALOG.case_criteria(case):
            assert f"K{criterion.number} {getattr(criterion.short_title, lang)}" in glance
        # The key points link to observations on this very page.
        points = [href for href, _ in page.links if href.startswith("#") and href[1:] in {o.id for o in case.observations}]
        assert len(points) >= min(3, len(case.observations)), case.id
        related = words[words.index(label("related_cases", lang)) :]
        others = [c for c in CATALOG.ordered_cases() if c.id != case.id and getattr(c.name, lang) in related]
        assert others, case.id


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_case_list_shows_kind_size_and_themes_of_every_case(real_site, lang):
    page = read(real_site, lang, "cases/")
    words = page.words
    listed = words[: words.index(label("cases_by_criterion", lang))]
    for case in CATALOG.ordered_cases():
        entry = listed[listed.index(getattr(case.name, lang)) :]
        assert entry.split(label("key_themes", lang))[0].find(CASE_KINDS[case.kind][lang]) > 0, case.id
        size = size_figure(case)
        assert size is not None or not case.key_figures, case.id  # every real case gives its inhabitants or its staff
        if size is None:
            continue  # a case added without key figures: nothing to show
        shown = localised_figure(size.value, FIGURE_FORMATS[lang]) or size.value  # as the fact box shows it in this language
        assert f"{getattr(size.label, lang)}: {shown}" in entry.split(label("key_themes", lang))[0], case.id
    # Every criterion's line names the cases that illustrate it.
    for criterion in CATALOG.ordered_criteria():
        line = words[words.index(f"K{criterion.number} {getattr(criterion.short_title, lang)}:") :]
        for case in CATALOG.links_to("criterion", criterion.id).cases:
            assert getattr(case.name, lang) in line.split(f"K{criterion.number + 1} ")[0]


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_quotes_page_jump_links_reach_every_group(real_site, lang):
    page = read(real_site, lang, "quotes/")
    jumps = [href[1:] for href, _ in page.links if href.startswith("#") and href[1:].split("-")[0] in {"case", "criterion", "perspective"}]
    assert {f"criterion-{c.id}" for c in CATALOG.ordered_criteria() if CATALOG.links_to("criterion", c.id).quotes} <= set(jumps)
    assert {f"perspective-{p.id}" for p in CATALOG.ordered_perspectives() if CATALOG.links_to("perspective", p.id).quotes} <= set(jumps)
    assert set(jumps) <= page.ids


@pytest.mark.unit
def test_first_sentences_cut_at_a_sentence_and_read_as_plain_text():
    text = "Se **[Bergen](case:bergen)** og `koden`. Bl.a. dette, f.eks. 3. kvartal. Tredje setning her."
    assert plain_text(text) == "Se Bergen og koden. Bl.a. dette, f.eks. 3. kvartal. Tredje setning her."
    assert first_sentences(text, most=1) == "Se Bergen og koden."
    assert first_sentences(text, 60) == "Se Bergen og koden. Bl.a. dette, f.eks. 3. kvartal."
    assert first_sentences(text) == plain_text(text)  # short enough: all of it
    assert first_sentences("- ett\n- to", 300) == "ett to"
    long = "ord " * 100
    assert first_sentences(long, 30) == "ord ord ord ord ord ord ord …"


@pytest.mark.unit
def test_directories_name_the_speakers_role_from_the_informant(content):
    path = content / "cases/testby.yml"
    path.write_text(path.read_text("utf-8").replace("    attribution: {nb: Testby kommune, en: Testby Municipality}\n", "    informant: radgiver\n"), "utf-8")
    pages = render_site(load_content(content).catalog, "en")
    assert "— Adviser, Testby Municipality" in pages["quotes.md"]
    assert "— [Adviser, Testby Municipality](cases/testby.md#sitat-eierskap)" in pages["quotes.md"]


@pytest.mark.unit
def test_a_case_without_a_size_figure_shows_no_size(content):
    path = content / "cases/testby.yml"
    path.write_text(path.read_text("utf-8").replace("{nb: Innbyggere, en: Inhabitants}", "{nb: Etablert, en: Established}"), "utf-8")
    listing = render_site(load_content(content).catalog, "nb")["cases/index.md"]
    assert "- **[Testby kommune](testby.md)** — Kommune\n" in listing
