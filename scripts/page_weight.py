"""Report what a reader downloads for each language's home page, as GitHub Pages serves it.

    python scripts/page_weight.py [SITE_DIR] [--json]      (default: site/)

Loads each home page in Debian's Chromium (Playwright), from a local server at the path the site
is published at (/lederutfordringer-kb/), with an empty cache, and adds up every response from the
site's own origin. GitHub Pages sends text compressed, so text counts as its gzip size: what
crosses the network; fonts, images and files already gzipped (Pagefind's index) count as their
bytes. Raw bytes are reported too. Counts bytes, not time, so the numbers are the same on every
machine; the tests keep them under the budgets below. Also reported: whether the page fetched a
search index before the reader used search (it should not: issue 16), and requests to any other
host (there should be none).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import importlib.util
import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Each language's home page, below the site's published path.
LANGUAGES = {"nb": "", "en": "en/"}

# Budgets (bytes transferred). Raise them only with a reason in the commit message.
# With Material's search every page loaded the whole search index: the home page was 212,825 and
# 219,028 bytes transferred (nb, en; 865,619 and 879,511 raw, the index 481,561 and 502,665 of
# them). Issue 16 loads the index only when a reader searches, and sets 250 kB for the home page.
HOME_PAGE_BUDGET = 250_000
# One query on a site of 1,000 synthetic cases (benchmarks/search.py --synthetic 1000): the engine
# loads only the parts of its index the query needs, which must stay small as the report grows.
# Material's search loaded 5.5 MB there (the whole index, gzipped) before the first query (issue 16).
QUERY_BUDGET = 300_000

# What GitHub Pages compresses (by type); Pagefind's own files are text unless already gzipped.
TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"}
GZIP_MAGIC = b"\x1f\x8b"
# Material's index file; another engine may leave a stub of it, which is not an index.
MATERIAL_INDEX = "/search/search_index.json"
STUB_BYTES = 1_000


def is_text(path: str) -> bool:
    """Whether GitHub Pages would send the file at URL path `path` gzipped (a folder's is HTML)."""
    return path.endswith("/") or PurePosixPath(path).suffix in TEXT_SUFFIXES or "/pagefind/" in path


def transferred(path: str, body: bytes) -> int:
    """The bytes that cross the network for this file: deterministic gzip (level 6, no time stamp)."""
    if is_text(path) and not body.startswith(GZIP_MAGIC):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def is_search_index(path: str, raw: int) -> bool:
    """Material's search index (a stub left by another engine is not one), or any of Pagefind's files."""
    return (path.endswith(MATERIAL_INDEX) and raw > STUB_BYTES) or "/pagefind/" in path


@dataclass(frozen=True)
class Response:
    path: str
    raw: int
    transferred: int


class Traffic:
    """What a page receives from the moment this is made: the site's own responses by URL, other
    hosts' URLs, and the requests still under way (a page that is loading is not settled).

    A response's bytes are read from the served file, not from the browser: Chromium keeps no
    body of several megabytes (Material's index at 1,000 cases) for Playwright to read."""

    def __init__(self, page, site: Path, home: str) -> None:
        self.site, self.home = site, home
        self.own: dict[str, Response] = {}
        self.other_hosts: set[str] = set()
        self.in_flight = 0
        page.on("request", self.started)
        page.on("requestfinished", self.ended)
        page.on("requestfailed", self.ended)
        page.on("response", self.received)

    def started(self, request) -> None:
        self.in_flight += 1

    def ended(self, request) -> None:
        self.in_flight = max(0, self.in_flight - 1)  # a request made before this began ends here too

    def received(self, response) -> None:
        if not response.url.startswith(origin(self.home)):
            self.other_hosts.add(response.url)
            return
        path = urlsplit(response.url).path
        file = served_file(self.site, urlsplit(self.home).path, path)
        # A redirect or a 404 sends headers and at most a short page: nothing to count.
        body = file.read_bytes() if file and response.status == 200 else b""
        self.own[response.url] = Response(path, len(body), transferred(path, body))

    def summary(self) -> dict[str, object]:
        """Totals over the site's own responses; the search-index requests by path."""
        responses = self.own.values()
        return {
            "bytes": sum(r.transferred for r in responses),
            "raw_bytes": sum(r.raw for r in responses),
            "requests": len(responses),
            "search_index_requests": sorted(r.path for r in responses if is_search_index(r.path, r.raw)),
            "other_hosts": sorted(self.other_hosts),
        }


def site_path(site: Path) -> str:
    """The path the site is published at, from its home page's canonical address: '/lederutfordringer-kb/'."""
    match = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8"))
    return urlsplit(match.group(1)).path if match else "/"


def served_file(site: Path, prefix: str, path: str) -> Path | None:
    """The file the server sends for URL path `path` (a folder's index.html), if there is one."""
    if not path.startswith(prefix):
        return None
    file = site / unquote(path[len(prefix) :])
    file = file / "index.html" if file.is_dir() else file
    return file if file.is_file() else None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        """Files only under the published path, as on GitHub Pages: a link that leaves it is a 404."""
        if not path.startswith(self.prefix):
            return os.devnull + "/missing"
        return super().translate_path("/" + path[len(self.prefix) :])


@contextlib.contextmanager
def serve(site: Path, handler_class: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 at its published path; yields its home page's address."""
    prefix = site_path(site)
    handler = type("Handler", (handler_class,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_missing() -> str | None:
    """Why Debian's Chromium cannot be driven here, or None if it can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (requirements-dev.txt)"
    return None if Path(CHROMIUM).exists() else f"{CHROMIUM} is missing (Debian's chromium package)"


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium started headless by Playwright (never a browser Playwright downloads)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def measure_home(browser, site: Path, home: str, lang: str) -> dict[str, object]:
    """One language's home page loaded in a fresh context (an empty cache: a first visit) until the
    network is idle."""
    context = browser.new_context()
    try:
        page = context.new_page()
        traffic = Traffic(page, site, home)
        page.goto(home + LANGUAGES[lang], wait_until="networkidle")
        return traffic.summary()
    finally:
        context.close()


def measure(site: Path, browser=None) -> dict[str, dict[str, object]]:
    """{lang: {bytes, raw_bytes, requests, search_index_requests, other_hosts}} for the built site's home pages.

    Uses `browser` (a Playwright browser) if given, else starts Debian's Chromium itself."""
    if browser is None:
        with chromium() as own:
            return measure(site, own)
    with serve(site) as home:
        return {lang: measure_home(browser, site, home, lang) for lang in LANGUAGES}


def table(results: dict[str, dict[str, object]]) -> str:
    lines = [
        "| language | home page, transferred (bytes) | raw (bytes) | requests | search index before use | other hosts |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for lang, r in results.items():
        index = r["search_index_requests"]
        loaded = f"yes: {', '.join(index)}" if isinstance(index, list) and index else "no"
        hosts = r["other_hosts"]
        lines.append(f"| {lang} | {r['bytes']:,} | {r['raw_bytes']:,} | {r['requests']} | {loaded} | {len(hosts) if isinstance(hosts, list) else hosts} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    paths = [arg for arg in argv[1:] if not arg.startswith("--")]
    results = measure(Path(paths[0]) if paths else ROOT / "site")
    print(table(results))
    print(f"\nBudgets (transferred): home page {HOME_PAGE_BUDGET:,} bytes; one query at 1,000 cases {QUERY_BUDGET:,} bytes (benchmarks/search.py).")
    if "--json" in argv:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
