"""English pages localised: key figures in English conventions, heading anchors that keep the
sense of æ/ø/å, and Norwegian passages marked lang="nb"."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from kb.ids import heading_id
from kb.labels import FIGURE_FORMATS, LANGS
from kb.locale_format import localised_figure

ROOT = Path(__file__).resolve().parent.parent
EN = FIGURE_FORMATS["en"]

# Every key figure of the real cases, as printed, and what English pages show; None: as printed.
REAL_FIGURES = {
    "125 019": "125,019",
    "MRD 72": "NOK 72 billion",
    "MRD 6.3": "NOK 6.3 billion",  # printed with a point; one decimal, so not a thousands separator
    "9 427": "9,427",
    "279 914": "279,914",
    "[…]": None,  # a row not reproduced (its source note says why)
    "MRD 19,6": "NOK 19.6 billion",
    "18 323": "18,323",
    "1.6.2016": "1 June 2016",
    "456": "456",
    "19 000": "19,000",
    "14 000/ 5 000": "14,000/ 5,000",
    "672 062": "672,062",
    "MRD 53": "NOK 53 billion",
    "MRD 54,9": "NOK 54.9 billion",
    "50117": "50,117",
    "1976, røtter tilbake til 1839": None,  # Norwegian words: shown as printed, marked lang="nb"
    "44": "44",
    "1200": "1200",  # four digits stay ungrouped: years look the same
    "1967": "1967",
    "1.9.2003": "1 September 2003",
    "1": "1",
    "65": "65",
    "192 847": "192,847",
    "MRD 13,7": "NOK 13.7 billion",
    "MRD 13,1": "NOK 13.1 billion",
    "13 873": "13,873",
}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("printed", "english"),
    [
        ("MRD 19,6", "NOK 19.6 billion"),
        ("MILL 12,5", "NOK 12.5 million"),
        ("MNOK 300", "NOK 300 million"),
        ("mrd 1 250", "NOK 1,250 billion"),
        ("37 %", "37%"),
        ("12,5 %", "12.5%"),
        ("279\u00a0914", "279,914"),
        ("1 234 567,89", "1,234,567.89"),
        ("31.12.2017", "31 December 2017"),
        ("1.6.2016", "1 June 2016"),
        ("2016", "2016"),
        ("12345", "12,345"),
    ],
)
def test_english_figures(printed, english):
    assert localised_figure(printed, EN) == english


@pytest.mark.unit
@pytest.mark.parametrize("printed", ["[…]", "ca. 300", "32.13.2016", "1.600", "12 34", "MRD", "14 000/ mange", ""])
def test_figures_in_no_known_shape_are_left_as_printed(printed):
    assert localised_figure(printed, EN) is None


@pytest.mark.unit
def test_the_source_language_shows_figures_as_printed():
    assert FIGURE_FORMATS[LANGS[0]] is None
    assert localised_figure("MRD 19,6", FIGURE_FORMATS[LANGS[0]]) is None


@pytest.mark.content
def test_every_real_key_figure_has_a_deliberate_english_form():
    """A new value in a case makes this fail until it is added here, localised or knowingly not."""
    printed = {figure["value"] for path in sorted((ROOT / "cases").glob("*.yml")) for figure in yaml.safe_load(path.read_text("utf-8")).get("key_figures", [])}
    assert printed == set(REAL_FIGURES)
    assert {value: localised_figure(value, EN) for value in printed} == {value: REAL_FIGURES[value] for value in printed}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Nøkkeltall", "nokkeltall"),
        ("Bærum kommune", "baerum-kommune"),
        ("Økt behov for kompetanse", "okt-behov-for-kompetanse"),
        ("Gevinstrealisering på tvers", "gevinstrealisering-pa-tvers"),
        ("ÆØÅ æøå", "aeoa-aeoa"),
        ("Key figures", "key-figures"),
        ("K1. Toppledelse – eierskap", "k1-toppledelse-eierskap"),
    ],
)
def test_heading_ids_spell_norwegian_letters_as_ids_do(heading, anchor):
    assert heading_id(heading, "-") == anchor


def markdown_default_slug(text: str) -> str:
    """Python-Markdown's own slug, which drops æ and ø."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


class Headings(HTMLParser):
    """(id, text) of every h1–h6, and the text inside and outside lang="nb" elements."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.open: list[tuple[str, str | None]] = []
        self.current: list[str] | None = None
        self.marked: list[str] = []
        self.unmarked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "meta", "link", "input", "hr", "wbr"}:
            return
        attributes = dict(attrs)
        self.open.append((tag, attributes.get("lang")))
        if re.fullmatch(r"h[1-6]", tag) and attributes.get("id"):
            self.headings.append((attributes["id"] or "", ""))
            self.current = []

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self.current is not None:
            self.headings[-1] = (self.headings[-1][0], "".join(self.current).replace("¶", "").strip())
            self.current = None
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        if self.current is not None:
            self.current.append(data)
        if any(tag in {"script", "style", "title", "code", "pre"} for tag, _ in self.open):
            return
        langs = [lang for _, lang in self.open if lang]
        (self.marked if langs and langs[-1] == "nb" else self.unmarked).append(data)


def parse(path: Path, *, article_only: bool = False) -> Headings:
    parser = Headings()
    html = path.read_text("utf-8")
    parser.feed(html[html.find("<article") : html.find("</article>")] if article_only else html)
    return parser


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_heading_ids_on_case_pages_drop_no_letters(real_site, lang):
    folder = real_site / ("en" if lang == "en" else "") / "cases"
    checked = 0
    for page in sorted(folder.glob("*/index.html")):
        for anchor, text in parse(page).headings:
            if markdown_default_slug(text) != heading_id(text):  # a heading with æ or ø
                checked += 1
                assert anchor != markdown_default_slug(text), (page, text)
    assert checked >= 5  # English pages: programme and organisation names
    baerum = dict((text, anchor) for anchor, text in parse(real_site / "cases" / "baerum" / "index.html").headings)
    assert baerum["Bærum kommune"] == "baerum-kommune"
    assert baerum["Nøkkeltall"] == "nokkeltall"


@pytest.mark.site
def test_english_key_figures_are_in_english_and_norwegian_ones_as_printed(real_site):
    english = (real_site / "en" / "cases" / "bergen" / "index.html").read_text("utf-8")
    norwegian = (real_site / "cases" / "bergen" / "index.html").read_text("utf-8")
    assert "<td>NOK 19.6 billion</td>" in english and "MRD 19,6" not in english
    assert "<td>279,914</td>" in english
    assert "<td>MRD 19,6</td>" in norwegian and "<td>279 914</td>" in norwegian
    assert "<td>1 June 2016</td>" in (real_site / "en" / "cases" / "nav" / "index.html").read_text("utf-8")
    assert '<span lang="nb">1976, røtter tilbake til 1839</span>' in (real_site / "en" / "cases" / "sr-bank" / "index.html").read_text("utf-8")


@pytest.mark.site
def test_norwegian_names_on_english_pages_are_marked_lang_nb(real_site):
    """The report's title, wherever an English page names it, and every programme's name in its
    heading and running text (those with an English gloss), are inside an element with lang="nb"."""
    title = "Lederutfordringer i digitale omstillingsprosesser"
    pages = sorted((real_site / "en").rglob("*.html"))
    naming = [page for page in pages if title in " ".join(parse(page).marked)]
    assert len(naming) >= 5
    for page in pages:
        assert not any(title in text for text in parse(page).unmarked), page
    sources = parse(real_site / "en" / "sources" / "index.html").marked
    assert {"Gevinstkokebok", "Digital agenda for Norge", "Riksrevisjonens undersøkelse av digitalisering av kommunale tjenester"} <= set(sources)
    assert "Siden finnes ikke" in parse(real_site / "en" / "404.html").marked
    for path in sorted((ROOT / "cases").glob("*.yml")):
        # A name without a gloss is a brand ("OsloOrigo"), the same in every language.
        names = [p["name"] for p in yaml.safe_load(path.read_text("utf-8")).get("programmes", []) if p.get("gloss")]
        # The theme's table of contents repeats headings as plain text: the article is checked.
        parsed = parse(real_site / "en" / "cases" / path.stem / "index.html", article_only=True)
        assert all(name in parsed.marked for name in names), path.stem
        # In running text too ("… had success with Digitalt førstevalg (Digital first choice)").
        assert not [text for text in parsed.unmarked for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)], path.stem


@pytest.mark.unit
def test_hand_pages_mark_glossed_norwegian_titles_and_quotations_only():
    from kb.render.source_language import mark_hand_page

    page = "\n".join(
        [
            "The report *Lederutfordringer i digitale omstillingsprosesser* (Leadership …).",
            "- **KS.** *Gevinstkokebok* [Benefits cookbook]. *Digital IQ* (pp. 3–4). *IT i praksis* (2017).",
            "Following (*Hva er digitalisering*, “What is digitalisation”, 2017), «Smart omsorg» (smart care), «Heltand».",
            "```bibtex",
            "  title = {*Gevinstkokebok* [x]},",
            "```",
        ]
    )
    assert mark_hand_page(page, "en").split("\n") == [
        'The report <em lang="nb">Lederutfordringer i digitale omstillingsprosesser</em> (Leadership …).',
        '- **KS.** <em lang="nb">Gevinstkokebok</em> [Benefits cookbook]. *Digital IQ* (pp. 3–4). *IT i praksis* (2017).',
        'Following (<em lang="nb">Hva er digitalisering</em>, “What is digitalisation”, 2017), «<span lang="nb">Smart omsorg</span>» (smart care), «Heltand».',
        "```bibtex",
        "  title = {*Gevinstkokebok* [x]},",
        "```",
    ]
    assert mark_hand_page(page, "nb") == page


@pytest.mark.unit
def test_programme_names_are_marked_as_whole_words_once():
    from kb.render.source_language import mark_names

    text = 'Min side and Minside; <span lang="nb">Min side</span>; Digitalt førstevalg (Digital first choice).'
    assert mark_names(text, ["Min side", "Digitalt førstevalg"], "en") == (
        '<span lang="nb">Min side</span> and Minside; <span lang="nb">Min side</span>; <span lang="nb">Digitalt førstevalg</span> (Digital first choice).'
    )
    assert mark_names(text, ["Min side"], "nb") == text
