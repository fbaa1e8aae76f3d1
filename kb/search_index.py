"""The search index of one language's built site, written beside its pages.

Readers download only what their query needs: Pagefind splits the index into small fragments
that the browser fetches per query (assets/javascripts/workers/kb-search.js asks it, behind
Material's search box), so a page view costs nothing of the index however many cases there are.

Three files come from here, per language:
  - pagefind/: Pagefind's index of every page's article (its own language's stemmer), without the
    furniture marked `data-search-exclude` (the citation box, the related cases) and the heading
    links; headings weigh more than body text (Pagefind's own weights);
  - search/words.json: what the worker needs beyond Pagefind, fetched with the first query: the
    site's own words (to split a compound a reader types into words the site has, and to suggest
    the nearest word when nothing matches) and the glossary's search words (a reader's everyday
    word -> the term's own forms);
  - search/search_index.json: the few bytes Material's search box reads when a page loads (the
    language and the word separator for highlighting); no documents.
MkDocs-free: the hook calls `write_search_index` after MkDocs wrote a language's pages.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kb.issues import one_line
from kb.link import Catalog
from kb.render.common import text_in
from kb.render.matrix import COMPACT_PATH

BUNDLE = "pagefind"
WORDS_FILE = "search/words.json"
MATERIAL_CONFIG_FILE = "search/search_index.json"
# Each page's own text: the article. Header, navigation, sidebars and footer are outside it.
ROOT_SELECTOR = "article.md-content__inner"
# Inside the article, what is the same on many pages or is no text: left out of the index.
EXCLUDED_ATTRIBUTE = "data-search-exclude"
EXCLUDED_CLASSES = ("headerlink", "md-content__button", "md-source-file")
EXCLUDED = (f"[{EXCLUDED_ATTRIBUTE}]", *(f".{name}" for name in EXCLUDED_CLASSES))
# Pages that repeat another page: the matrix's print version.
NOT_INDEXED = (COMPACT_PATH.removesuffix(".md") + "/index.html",)
# Where the query's words break, for Material's highlighting on the page a result opens:
# spaces, hyphens and the quotation marks readers type or the text has (« » „ “ ” " ' ‘ ’).
SEPARATOR = r"[\s\-«»„“”\"'‘’‹›]+"
# A word of the site: letters and digits (the apostrophe and hyphen split words, as in Pagefind).
WORD = re.compile(r"[^\W_]+")
MIN_WORD = 2  # one letter is no word a reader looks up ("IT", "HR" and "KS" are)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is its own last words."""


def write_search_index(site_dir: Path, lang: str, catalog: Catalog, *, skip: tuple[str, ...] = ()) -> None:
    """Index the pages under `site_dir` (not those under the folders in `skip`: other languages')
    and write the three parts above into it."""
    pages = dict(_pages(site_dir, skip))
    found: set[str] = set()
    for html in pages.values():
        found.update(page_words(html))
    _write_pagefind(site_dir, lang, pages)
    words = sorted(word for word in found if len(word) >= MIN_WORD and not word.isdigit())
    _write_json(site_dir / WORDS_FILE, {"words": words, "synonyms": search_synonyms(catalog, lang)})
    _write_json(site_dir / MATERIAL_CONFIG_FILE, {"config": {"lang": [lang], "separator": SEPARATOR, "pipeline": []}, "docs": []})
    _prune_bundle(site_dir / BUNDLE, lang)


def search_synonyms(catalog: Catalog, lang: str) -> dict[str, list[str]]:
    """A reader's word (lower case) -> the forms of each glossary term that lists it among its search
    words in `lang`, the term itself first: a query for "sykehjem" also asks for "velferdsteknologi"."""
    synonyms: dict[str, list[str]] = {}
    for term in catalog.ordered_terms(lang):
        # The term as its pages show it (a missing translation falls back, as on the page).
        forms = [text_in(term.term, lang), *(getattr(term.variants, lang, None) or [])]
        for word in getattr(term.search_words, lang, None) or []:
            targets = synonyms.setdefault(word.strip().lower(), [])
            targets.extend(form for form in forms if form and form not in targets)
    return synonyms


def _pages(site_dir: Path, skip: tuple[str, ...]):
    """(url, html) of every page with an article, in a stable order; symlinks are not followed."""
    for folder, dirs, files in os.walk(site_dir):
        here = Path(folder)
        rel = here.relative_to(site_dir)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in skip and d not in ("assets", "search", BUNDLE)]
        dirs.sort()
        if "index.html" not in files or (here / "index.html").is_symlink():
            continue
        path = (rel / "index.html").as_posix().removeprefix("./")
        if path in NOT_INDEXED:
            continue
        html = (here / "index.html").read_text("utf-8")
        if 'class="md-content__inner' in html and "<h1" in html:
            yield ("" if rel == Path(".") else rel.as_posix() + "/"), html


def _write_pagefind(site_dir: Path, lang: str, pages: dict[str, str]) -> None:
    """Pagefind's command line over a copy of exactly the pages to index (not other languages'
    folders, not the print copy), with its settings in a config file: it exits when every file is
    written, and a failure is a message, not a half-written index."""
    with tempfile.TemporaryDirectory(prefix="kb-search-") as folder:
        work = Path(folder)
        for url, html in pages.items():
            target = work / "site" / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, "utf-8")
        config = {
            "site": "site",
            "output_path": str(site_dir / BUNDLE),
            "root_selector": ROOT_SELECTOR,
            "exclude_selectors": list(EXCLUDED),
            "force_language": lang,
        }
        (work / "pagefind.json").write_text(json.dumps(config), "utf-8")
        done = subprocess.run([sys.executable, "-m", "pagefind"], cwd=work, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SearchIndexFailed(one_line(done.stderr.strip() or done.stdout.strip() or f"exit status {done.returncode}"))


# What the worker uses of the bundle Pagefind writes: its search script, the entry, the language's
# metadata and the WebAssembly the entry names (the language's stemmer, or the plain one for a
# language Pagefind has none for), the index and the pages' fragments. Not Pagefind's own user
# interfaces (the search box is Material's) nor its page-thread worker (ours is a worker already).
def _shipped(path: Path, lang: str, wasm: str) -> bool:
    return (
        path.parts[0] in ("index", "fragment", "filter")
        or path.name in ("pagefind.js", "pagefind-entry.json", f"wasm.{wasm}.pagefind")
        or (path.name.startswith(f"pagefind.{lang}_") and path.suffix == ".pf_meta")
    )


def _prune_bundle(bundle: Path, lang: str) -> None:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    wasm = entry["languages"][lang].get("wasm") or "unknown"
    for path in sorted(bundle.rglob("*"), reverse=True):
        if path.is_file() and not _shipped(path.relative_to(bundle), lang, wasm):
            path.unlink()


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def page_words(html: str) -> list[str]:
    """The lower-case words of a page's article as the index has them (without the excluded parts)."""
    reader = _ArticleText()
    reader.feed(html)
    reader.close()
    return WORD.findall(" ".join(reader.parts).lower())


class _ArticleText(HTMLParser):
    """The text inside the article, outside excluded elements. One pass over the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []  # open elements inside the article
        self.excluded_at: int | None = None  # depth of the excluded element we are in
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if not self.in_article:
            if tag == "article" and "md-content__inner" in classes:
                self.in_article, self.stack = True, []
            return
        self.stack.append(tag)
        if self.excluded_at is None and (any(name == EXCLUDED_ATTRIBUTE for name, _ in attrs) or set(EXCLUDED_CLASSES) & set(classes)):
            self.excluded_at = len(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_article or tag in VOID:
            return
        if not self.stack:
            self.in_article = tag != "article"
            return
        # Close up to the matching element (HTML lets some end tags be left out).
        while self.stack:
            if self.excluded_at is not None and len(self.stack) <= self.excluded_at:
                self.excluded_at = None
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_article and self.excluded_at is None:
            self.parts.append(data)
