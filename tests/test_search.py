"""Search: what a reader types finds what the reader means, and costs nothing until they search.

The index is Pagefind's, written per language by kb/search_index.py; the box is Material's, and
overrides/assets/javascripts/workers/kb-search.js answers it. The site tests read the built files;
the browser tests type into the search box as a person does (benchmarks/search_queries.yml holds
the queries, with the page each reader expects).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, wait_for_search

from kb.search_index import page_words

QUERIES = yaml.safe_load((REPO / "benchmarks" / "search_queries.yml").read_text("utf-8"))
PREFIX = {"nb": "", "en": "en/"}


# --- The index, as built ----------------------------------------------------------------------


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_language_has_its_own_index_in_its_language(real_site, lang):
    entry = json.loads((real_site / PREFIX[lang] / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == [lang]
    assert entry["languages"][lang]["wasm"] == lang, "the language's own stemmer"
    assert entry["languages"][lang]["page_count"] >= 40


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_page_loads_no_documents_only_the_search_settings(real_site, lang):
    """Material's box reads search/search_index.json on every page: it holds no documents."""
    index = real_site / PREFIX[lang] / "search/search_index.json"
    data = json.loads(index.read_text("utf-8"))
    assert data["docs"] == [] and data["config"]["lang"] == [lang]
    assert index.stat().st_size < 500
    assert re.compile(data["config"]["separator"]).split("«Digifrid»-test") == ["", "Digifrid", "test"]


@pytest.mark.site
def test_every_page_asks_our_worker_not_materials(real_site):
    for html in [real_site / "index.html", real_site / "en/cases/bergen/index.html"]:
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html.read_text("utf-8"), re.S)[1])
        assert config["search"].endswith("assets/javascripts/workers/kb-search.js"), config["search"]


@pytest.mark.site
def test_only_what_the_worker_uses_is_published(real_site):
    shipped = sorted(p.name for p in (real_site / "pagefind").iterdir() if p.is_file())
    assert shipped == ["pagefind-entry.json", "pagefind.js", next(p.name for p in (real_site / "pagefind").glob("pagefind.nb_*.pf_meta")), "wasm.nb.pagefind"]
    assert not list(real_site.glob("pagefind/*ui*")), "Pagefind's own search interfaces are not ours"


@pytest.mark.site
def test_the_site_words_leave_out_furniture_and_keep_short_names(real_site):
    words = json.loads((real_site / "search/words.json").read_text("utf-8"))["words"]
    assert words == sorted(words)
    assert {"digifrid", "gevinstrealisering", "plan", "it", "hr"} <= set(words)
    # A case page has the citation box (its formats' names), but not in its words.
    bergen = (real_site / "cases/bergen/index.html").read_text("utf-8")
    assert "BibTeX" in bergen and "bibtex" not in page_words(bergen)


@pytest.mark.site
def test_print_copies_and_redirects_are_not_indexed(real_site):
    fragments = " ".join(p.name for p in (real_site / "pagefind/fragment").iterdir())
    assert fragments  # the fragments are gzipped: the entry counts the pages instead
    entry = json.loads((real_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    pages = [p for p in real_site.rglob("index.html") if not p.relative_to(real_site).parts[0] == "en"]
    with_article = [p for p in pages if 'class="md-content__inner' in p.read_text("utf-8") and "<h1" in p.read_text("utf-8")]
    assert entry["languages"]["nb"]["page_count"] == len(with_article) - 1  # all but the matrix's print copy


@pytest.mark.unit
def test_page_words_skip_excluded_parts_and_heading_links():
    html = (
        '<header>Meny</header><article class="md-content__inner md-typeset">'
        '<h1 id="x">Tittel<a class="headerlink" href="#x">¶</a></h1><p>Første<br>linje «Digifrid»</p><img alt="">'
        '<details class="kb-cite" data-search-exclude><summary>Slik siterer du</summary><p>BibTeX</p></details>'
        "<p>Etter</p></article><footer>Bunntekst</footer>"
    )
    assert page_words(html) == ["tittel", "første", "linje", "digifrid", "etter"]


# --- Typed as a reader types ------------------------------------------------------------------

RESULT_TITLES = ".md-search-result__item > .md-search-result__link h1"


# The worker says what it answered on a BroadcastChannel (kb-search-ui.js listens to it); the test
# listens too, to know when the answer to the whole query has come.
LISTEN = """() => {
    window.__kbAnswered = null;
    new BroadcastChannel('kb-search').onmessage = ev => { window.__kbAnswered = ev.data.query };
}"""


def settled(page, query: str) -> None:
    """Wait for the answer to `query`, then until the result list stands still (it is drawn as the
    answer arrives)."""
    page.wait_for_function("query => window.__kbAnswered === query", arg=query, timeout=30_000)
    page.wait_for_function(
        """() => {
            const box = document.querySelector('.md-search-result');
            const now = box ? box.innerText : '';
            const same = now === window.__kbLast;
            window.__kbLast = now;
            return same;
        }""",
        polling=200,
        timeout=30_000,
    )


def search(page, site_url: str, lang: str, query: str) -> list[str]:
    page.goto(site_url + PREFIX[lang])
    wait_for_search(page, lang)
    page.evaluate(LISTEN)
    # Real keystrokes, as a reader types (Material reacts to key events, not only to `input`).
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    # Playwright types « and » without a key-up, and Material reads the box on key-up: one more key.
    page.keyboard.press("End")
    settled(page, query)
    return page.locator(RESULT_TITLES).all_inner_texts()


def query_id(query: dict) -> str:
    return f"{query['lang']}:{query['query']}"


@pytest.mark.browser
@pytest.mark.parametrize("query", QUERIES, ids=query_id)
def test_typed_query_finds_the_page_a_reader_expects(page, site_url, query):
    top = search(page, site_url, query["lang"], query["query"])[:5]
    if "expect" in query:
        assert any(title.startswith(query["expect"]) for title in top), (query["why"], top)
    else:
        assert top and top == search(page, site_url, query["lang"], query["same_as"])[:5], query["why"]


@pytest.mark.browser
def test_short_words_do_not_become_prefixes(page, site_url):
    """"av" in "opplæring av ansatte" once ranked "Avgrensninger" first (av*)."""
    search(page, site_url, "nb", "opplæring av ansatte")
    marked = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].slice(0, 3)
        .flatMap(item => [...item.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()))""")
    assert marked, "the top results show the words they matched"
    assert not [word for word in marked if word.startswith("av")], marked


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,cite_page", [("nb", "siterer", "Slik siterer du"), ("en", "cite", "How to cite")])
def test_the_citation_box_on_every_page_is_not_indexed(page, site_url, lang, query, cite_page):
    """The box was indexed on 47 pages; now the word finds the page about citing and the few that
    write it in their own text."""
    top = search(page, site_url, lang, query)
    assert top[0] == cite_page
    assert len(top) <= 10, top


@pytest.mark.browser
def test_nothing_found_suggests_words_and_links_the_glossary_and_criteria(page, site_url):
    search(page, site_url, "nb", "kommunnen")
    empty = page.locator(".kb-search-empty")
    assert page.locator(RESULT_TITLES).count() == 0
    hrefs = [a.get_attribute("href") or "" for a in empty.locator("a").all()]
    assert [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs] == ["glossary", "criteria"], hrefs
    suggestion = empty.locator("button", has_text="kommunen").first
    suggestion.click()
    settled(page, "kommunen")
    assert page.locator("input.md-search__input").input_value() == "kommunen"
    assert page.locator(RESULT_TITLES).count() > 0
    assert page.locator(".kb-search-empty").count() == 0


@pytest.mark.browser
def test_results_are_announced_and_enter_opens_the_matching_section(page, site_url):
    page.goto(site_url)
    wait_for_search(page, "nb")
    page.evaluate(LISTEN)
    assert page.locator(".md-search-result__meta").get_attribute("aria-live") == "polite"
    page.keyboard.press("/")  # Material's key for the search box
    page.keyboard.type("Digifrid", delay=20)
    settled(page, "Digifrid")
    assert page.locator(".md-search-result__meta").inner_text() == "2 treff"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/cases/bergen/\?h=digifrid#[a-z0-9-]+$", page.url), page.url


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_nothing_of_the_index_is_fetched_before_a_reader_searches(page, site_url, lang):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + PREFIX[lang] + "cases/bergen/")
    wait_for_search(page, lang)
    page.evaluate(LISTEN)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pagefind/" in url or url.endswith("words.json")], fetched
    page.locator("input.md-search__input").click()
    page.keyboard.type("gevinst", delay=20)
    settled(page, "gevinst")
    asked = [url for url in fetched if "/pagefind/" in url]
    assert asked and all(url.startswith(site_url + PREFIX[lang] + "pagefind/") for url in asked), asked
