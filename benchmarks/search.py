"""Search as a reader uses it, measured the same way whatever engine the site has.

    python benchmarks/search.py SITE [SITE ...] [--json FILE]
    python benchmarks/search.py --synthetic N [--json FILE]

For each built site (a site/ folder), served locally at its published path: each query of
benchmarks/search_queries.yml is typed into the header search box as a person types it, on a
freshly loaded home page (an empty cache), and once the result list has settled the top five
titles are read. Reported per language: the queries whose expected page is among the top five,
the bytes each query transferred (the site's own responses after the page had loaded and settled,
gzip size for text, as scripts/page_weight.py counts them), the home page's bytes and the search
index's size on disk. With --synthetic N it writes N synthetic cases (benchmarks/synthetic.py),
builds them, and measures a fixed list of words from their text: bytes, not findings.
Public tools only: Playwright with Debian's Chromium, http.server, perf_counter, gzip.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))
import page_weight  # noqa: E402 - a script folder, not a package

QUERIES = Path(__file__).with_name("search_queries.yml")
BOX = "input.md-search__input"
# Material's result list, which every engine fills: the page's title is the h1 of an item's first link.
SNAPSHOT = """() => ({
  meta: document.querySelector('.md-search-result__meta')?.textContent.trim() ?? '',
  titles: [...document.querySelectorAll('.md-search-result__item')].slice(0, 5)
    .map(item => item.querySelector('.md-search-result__link h1')?.innerText.trim() ?? ''),
})"""
# Material shows this until its index is ready, and may lose a query typed earlier; an engine that
# never shows it is ready at once.
INITIALISING = ("Starter søk", "Initializing search")
READY = "texts => !texts.some(text => document.querySelector('.md-search-result__meta')?.textContent.includes(text))"
TYPING_DELAY_MS = 40  # between keystrokes: a quick typist
SETTLED_SECONDS = 0.5  # the result list unchanged, nothing loading, this long: the answer
TIMEOUT_SECONDS = 20
# Material builds its whole index in the browser before the first query: at 1,000 cases, minutes
# on a loaded machine.
READY_TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class Query:
    lang: str
    query: str
    expect: str | None = None  # the start of the page title a reader expects in the top five
    same_as: str | None = None  # or: the same top five as this form of the word
    why: str = ""


# Words and phrases of the synthetic cases' text (drawn from the real cases' words, frequent and
# rare): what a query costs, not which page it finds.
SYNTHETIC_QUERIES = [
    *(Query("nb", q) for q in ("digitalisering", "innbyggerne", "opplæring", "prosjektene", "elektroniske arbeidsprosesser")),
    *(Query("en", q) for q in ("digitalisation", "employees", "competence", "portfolio", "benefits realisation")),
]


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(**entry) for entry in yaml.safe_load(path.read_text("utf-8"))]


def index_bytes(site: Path, lang: str) -> int:
    """The search index of one language on disk: Material's search_index.json and everything in
    the language's pagefind/ folder, whichever the site has."""
    root = site / page_weight.LANGUAGES[lang]
    files = [root / "search" / "search_index.json", *(root / "pagefind").rglob("*")]
    return sum(path.stat().st_size for path in files if path.is_file())


def home_bytes(site: Path, browser) -> dict[str, dict[str, object]]:
    """Each language's home page as scripts/page_weight.py measures it (bytes transferred, raw,
    requests, search-index requests before use)."""
    return page_weight.measure(site, browser)


def wait_until_ready(page) -> float:
    """Seconds from the page's load until its search takes a query."""
    start = time.perf_counter()
    page.wait_for_function(READY, arg=list(INITIALISING), timeout=READY_TIMEOUT_SECONDS * 1000)
    return time.perf_counter() - start


def settled_list(page, traffic: page_weight.Traffic, before: str) -> tuple[dict, bool]:
    """The list's count and top five titles once it shows an answer (results, or a count that is
    not the text it showed before typing) and has not changed for SETTLED_SECONDS with nothing
    loading; after TIMEOUT_SECONDS, what it shows then and False."""
    deadline = time.perf_counter() + TIMEOUT_SECONDS
    last, since = page.evaluate(SNAPSHOT), time.perf_counter()
    while time.perf_counter() < deadline:
        page.wait_for_timeout(50)  # also lets Playwright deliver the response events
        snapshot, now = page.evaluate(SNAPSHOT), time.perf_counter()
        if snapshot != last or traffic.in_flight:
            last, since = snapshot, now
        elif (snapshot["titles"] or snapshot["meta"] != before) and now - since >= SETTLED_SECONDS:
            return snapshot, True
    return last, False


def ask(browser, site: Path, home: str, query: Query) -> dict[str, object]:
    """One query typed into the header search box of a freshly loaded home page (an empty cache)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(home + page_weight.LANGUAGES[query.lang], wait_until="networkidle", timeout=READY_TIMEOUT_SECONDS * 1000)
        ready_seconds = wait_until_ready(page)
        traffic = page_weight.Traffic(page, site, home)  # from here on: the query's
        page.locator(BOX).click()
        before = page.evaluate(SNAPSHOT)["meta"]
        page.keyboard.type(query.query, delay=TYPING_DELAY_MS)
        shown, settled = settled_list(page, traffic, before)
        bytes_ = traffic.summary()
    finally:
        context.close()
    rank = next((i for i, title in enumerate(shown["titles"], 1) if query.expect and title.startswith(query.expect)), None)
    return {**asdict(query), "found": rank is not None, "rank": rank, **shown, "settled": settled, "ready_seconds": ready_seconds, **bytes_}


def measure_site(site: Path, queries: list[Query], browser) -> dict[str, Any]:
    """Home pages, index sizes and every query's result for one built site."""
    with page_weight.serve(site) as home:
        results = [ask(browser, site, home, query) for query in queries]
        # An inflected form is found when it lists the same first five pages as its other form.
        for query, result in zip(queries, results, strict=True):
            if query.same_as:
                other = ask(browser, site, home, Query(query.lang, query.same_as))
                result["expect"] = f"the same top five as «{query.same_as}»"
                result["found"] = bool(result["titles"]) and result["titles"] == other["titles"]
    return {
        "site": str(site),
        "home": home_bytes(site, browser),
        "index_bytes": {lang: index_bytes(site, lang) for lang in page_weight.LANGUAGES},
        "queries": results,
    }


def query_bytes(measured: dict, lang: str) -> list[int]:
    return [q["bytes"] for q in measured["queries"] if q["lang"] == lang]


def table(measured: list[dict]) -> str:
    """Per site and language: queries found, bytes per query, home page, index; then the failures."""
    lines = [
        "| site | language | found in top 5 | bytes per query: median | max | home page (bytes) | index before use | index on disk (bytes) |",
        "|---|---|---:|---:|---:|---:|---|---:|",
    ]
    failures = []
    for m in measured:
        for lang in page_weight.LANGUAGES:
            asked = [q for q in m["queries"] if q["lang"] == lang]
            expected = [q for q in asked if q["expect"]]
            found = f"{sum(q['found'] for q in expected)}/{len(expected)}" if expected else "–"
            sizes = query_bytes(m, lang) or [0]
            home, on_disk = m["home"][lang], m["index_bytes"][lang]
            loaded = "yes" if home["search_index_requests"] else "no"
            lines.append(f"| {m['site']} | {lang} | {found} | {statistics.median(sizes):,.0f} | {max(sizes):,} | {home['bytes']:,} | {loaded} | {on_disk:,} |")
            failures += [f"- {m['site']}, {lang}: «{q['query']}» expected {q['expect']}, got {q['titles']}" for q in expected if not q["found"]]
            failures += [f"- {m['site']}, {lang}: «{q['query']}» never settled" for q in asked if not q["settled"]]
    return "\n".join(lines + (["", "Failed queries:", *failures] if failures else []))


def build_synthetic(cases: int, folder: Path) -> tuple[Path, float, str]:
    """N synthetic cases written and built as an editor builds (`python -m kb build`): the site,
    the build's wall time, and what the build printed."""
    from synthetic import write_corpus

    root = write_corpus(cases, folder)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "KB_CACHE": str(folder / ".cache")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kb", "--root", str(root), "build"], env=env, capture_output=True, text=True, check=True)
    return root / "site", time.perf_counter() - start, done.stdout + done.stderr


def index_seconds(root: Path, site: Path) -> float:
    """The search-index step alone, both languages, on a built site (it writes the same index
    again): what Pagefind and our word list cost on top of MkDocs."""
    from kb.labels import LANGS
    from kb.pipeline import load_content
    from kb.search_index import write_search_index

    catalog = load_content(root).catalog
    start = time.perf_counter()
    for lang in LANGS:
        folder = site if lang == LANGS[0] else site / lang
        write_search_index(folder, lang, catalog, skip=tuple(LANGS[1:]) if lang == LANGS[0] else ())
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", type=Path, nargs="*", help="built sites (site/ folders)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="also build N synthetic cases and measure their queries' bytes")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every result to FILE")
    args = parser.parse_args()
    if not args.sites and not args.synthetic:
        parser.error("give a site folder or --synthetic N")
    if reason := page_weight.chromium_missing():
        parser.error(reason)
    measured = []
    with page_weight.chromium() as browser, tempfile.TemporaryDirectory(prefix="kb-search-") as tmp:
        measured += [measure_site(site, load_queries(), browser) for site in args.sites]
        for site in args.sites:
            print(f"{site}: search index {index_seconds(site.resolve().parent, site):.2f} s", flush=True)
        if args.synthetic:
            site, seconds, _output = build_synthetic(args.synthetic, Path(tmp) / f"n{args.synthetic}")
            step = index_seconds(site.parent, site)
            print(f"{args.synthetic:,} synthetic cases: build {seconds:.1f} s, of which the search index {step:.1f} s", flush=True)
            name = f"{args.synthetic:,} synthetic cases"
            measured.append({**measure_site(site, SYNTHETIC_QUERIES, browser), "site": name, "build_seconds": seconds, "index_seconds": step})
    print(table(measured))
    print(f"\nBudgets (transferred): home page {page_weight.HOME_PAGE_BUDGET:,} bytes; one query at 1,000 cases {page_weight.QUERY_BUDGET:,} bytes.")
    if args.json:
        args.json.write_text(json.dumps(measured, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
