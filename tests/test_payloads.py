"""The payload matrix: every text field of every kind of record, and every channel of a
hand-written page, against a set of attacks. Each payload is either refused by `validate` at its
file and line, or it is harmless text: then a site built with it everywhere has no executable
result, checked in its HTML and in a real browser (no dialog, no request or navigation away).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import BASIC, QuietHandler, copy_content

from kb.build import build_site
from kb.issues import Severity
from kb.load import HandPage, Sources, load_record
from kb.kinds import record_kinds
from kb.validate import check_hand_pages, check_record_file

TOKEN = "PAYLOAD-TOKEN"
# name -> the value as written in YAML (a double-quoted scalar, so YAML escapes can be tried too).
PAYLOADS = {
    "raw script": json.dumps("<script>alert(1)</script>"),
    "raw image with onerror": json.dumps("<img src=x onerror=alert(1)>"),
    "closes the title": json.dumps("NAV </title><script>alert(1)</script>"),
    "entity-encoded": json.dumps("NAV &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    "decimal entities": json.dumps("&#60;script&#62;alert(1)&#60;/script&#62;"),
    "hex entities": json.dumps("&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;"),
    "YAML hex escapes": r'"\x3cscript\x3ealert(1)\x3c/script\x3e"',
    "YAML unicode escapes": r'"\u003cimg src=x onerror=alert(1)\u003e"',
    "meta refresh": json.dumps('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    "javascript link": json.dumps("[x](javascript:alert(1))"),
    "javascript link, mixed case": json.dumps("[x](JaVaScRiPt:alert(1))"),
    "javascript link, tab inside": r'"[x](java\tscript:alert(1))"',
    "javascript link, entity": json.dumps("[x](&#106;avascript:alert(1))"),
    "javascript autolink": json.dumps("<javascript:alert(1)>"),
    "javascript reference in a quote": json.dumps("> [r]: javascript:alert(1)"),
    "data URL image": json.dumps("![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    "attribute list with a handler": json.dumps('x {: onclick="alert(1)" }'),
    "attribute list taking an id": json.dumps("x {: #__search }"),
    "right-to-left override": json.dumps("abc\u202edef"),
    # Harmless as text: quotes cannot leave an attribute that is escaped.
    "attribute breakout, double quotes": json.dumps('x" autofocus onfocus="alert(1)" onmouseover="alert(1)'),
    "attribute breakout, single quotes": json.dumps("x' autofocus onfocus='alert(1)' onmouseover='alert(1)"),
    "script URL as text": json.dumps("javascript:alert(1)"),
}
INERT = {"attribute breakout, double quotes", "attribute breakout, single quotes", "script URL as text"}
# The bidi override may stand in a long Markdown text, with a warning; everywhere else it is refused.
WARNED_IN_MARKDOWN = {"right-to-left override"}


def fixture_records() -> Iterator[tuple[str, Path]]:
    for kind in record_kinds():
        for path in sorted((BASIC / kind.folder).glob("*.yml")):
            yield kind.name, path.relative_to(BASIC)


def text_locations(kind: str, rel: Path) -> list[tuple]:
    raw = load_record(kind, rel, (BASIC / rel).read_bytes(), [])
    assert raw is not None
    return [loc for loc, _text in raw.texts]


def set_at(data: Any, loc: tuple, value: Any) -> None:
    for part in loc[:-1]:
        data = data[part]
    data[loc[-1]] = value


def record_with(kind: str, rel: Path, loc: tuple, written: str) -> tuple[bytes, int]:
    """The record's YAML with the text at `loc` replaced by `written`, and that text's line."""
    data = yaml.load((BASIC / rel).read_text("utf-8"), Loader=yaml.CSafeLoader)
    set_at(data, loc, TOKEN)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    line = text[: text.index(TOKEN)].count("\n") + 1
    return text.replace(TOKEN, written).encode("utf-8"), line


MATRIX = [(kind, rel, loc) for kind, rel in fixture_records() for loc in text_locations(kind, rel)]


@pytest.mark.unit
@pytest.mark.parametrize("kind, rel, loc", MATRIX, ids=[f"{rel.stem}:{'.'.join(map(str, loc))}" for _k, rel, loc in MATRIX])
def test_every_payload_in_every_record_text_is_refused_at_its_line_or_inert(kind, rel, loc):
    accepted = []
    for name, written in PAYLOADS.items():
        data, line = record_with(kind, rel, loc, written)
        _record, facts = check_record_file(kind, rel, data)
        errors = [i for i in facts.issues if i.severity is Severity.ERROR]
        if errors:
            assert any(i.line == line and i.file == rel for i in errors), (name, errors)
            continue
        warned = [i for i in facts.issues if i.severity is Severity.WARNING and i.line == line]
        if name in WARNED_IN_MARKDOWN and warned:
            continue
        accepted.append(name)
    assert set(accepted) <= INERT, f"accepted at {rel}:{loc}: {sorted(set(accepted) - INERT)}"


PAGE_CHANNELS = {
    "paragraph": lambda value: f"# Om\n\nTekst {value}\n",
    "heading": lambda value: f"# Om {value}\n\nTekst\n",
    "description": lambda value: f"---\ndescription: {value}\n---\n# Om\n",
    "metadata title": lambda value: f"---\ntitle: {value}\n---\n# Om\n",
    "MultiMarkdown metadata": lambda value: f"Title: {json.loads(value) if value.startswith(chr(34)) and chr(92) not in value else value}\n\n# Om\n",
}


@pytest.mark.unit
@pytest.mark.parametrize("channel", PAGE_CHANNELS)
def test_every_payload_in_every_page_channel_is_refused_or_inert(channel):
    accepted = []
    for name, written in PAYLOADS.items():
        text = PAGE_CHANNELS[channel](written if channel in ("description", "metadata title") else yaml.safe_load(written))
        sources = Sources(pages=[HandPage(lang, "om.md", Path(f"content/{lang}/om.md"), text) for lang in ("nb", "en")])
        issues = list(check_hand_pages(sources))
        if any(i.severity is Severity.ERROR for i in issues):
            continue
        if name in WARNED_IN_MARKDOWN and issues and channel == "paragraph":
            continue
        accepted.append(name)
    assert set(accepted) <= INERT, f"{channel}: {sorted(set(accepted) - INERT)}"


# --- A site built with the harmless payloads in every text: nothing in it may run.

@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_content(tmp_path_factory.mktemp("payloads") / "repo")
    inert = sorted(INERT)
    for number, (kind, rel) in enumerate(fixture_records()):
        data = yaml.load((root / rel).read_text("utf-8"), Loader=yaml.CSafeLoader)
        for i, loc in enumerate(text_locations(kind, rel)):
            if loc[-1] == "id" or loc[-2:-1] in (("criteria",), ("perspectives",), ("cases",)) or loc[-1] in ("perspective", "kind"):
                continue  # ids and references: refused by their pattern, already tested above
            payload = json.loads(PAYLOADS[inert[(number + i) % len(inert)]])
            value = data
            for part in loc[:-1]:
                value = value[part]
            value[loc[-1]] = f"{value[loc[-1]]} {payload}"
        (root / rel).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for lang in ("nb", "en"):
        page = root / "content" / lang / "index.md"
        breakout = json.loads(PAYLOADS["attribute breakout, double quotes"])
        page.write_text(f"---\ndescription: {json.dumps(breakout)}\n---\n" + page.read_text("utf-8").replace(
            "# ", "# " + json.loads(PAYLOADS["attribute breakout, single quotes"]) + " ", 1), "utf-8")
    site = root.parent / "site"
    build_site(root, site, strict=False)
    return site


class ExecutableFinder(HTMLParser):
    """Everything in a page that could run: event handlers, script URLs, refreshes, scripts."""

    def __init__(self, redirect_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.redirect_page = redirect_page
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            compact = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or name in ("autofocus", "formaction", "srcdoc"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "xlink:href") and compact.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("http-equiv") and not self.redirect_page:
            self.found.append(f"<meta http-equiv={attributes['http-equiv']!r}>")
        if tag == "script":
            self.in_script = True
            source = attributes.get("src") or ""
            if source and ("//" in source or not re.search(r"(^|/)(assets|search)/", source)):
                self.found.append(f"<script src={source!r}>")
        if tag in ("iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append("inline script with the payload")


@pytest.mark.site
def test_the_payload_site_has_nothing_executable_in_its_html(payload_site):
    pages = sorted(payload_site.rglob("*.html"))
    assert len(pages) > 30
    assert "alert(1)" in (payload_site / "cases" / "testby" / "index.html").read_text("utf-8")  # the payloads are there, as text
    for path in pages:
        finder = ExecutableFinder(redirect_page=re.fullmatch(r"k[0-9]+", path.parent.name) is not None)
        finder.feed(path.read_text("utf-8"))
        assert finder.found == [], path.relative_to(payload_site)


@pytest.mark.browser
def test_no_payload_runs_or_leaves_the_site_in_a_browser(browser, payload_site):
    handler = functools.partial(QuietHandler, directory=str(payload_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    away: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: away.append(request.url) if urlsplit(request.url).netloc not in (origin, "") else None)
    page.on("framenavigated", lambda frame: away.append(frame.url) if urlsplit(frame.url).netloc not in (origin, "") else None)
    try:
        for path in sorted(payload_site.rglob("*.html")):
            url = f"http://{origin}/{path.relative_to(payload_site).as_posix()}"
            page.goto(url, wait_until="load")
            if re.fullmatch(r"k[0-9]+", path.parent.name):  # a short link: it refreshes to its criterion
                page.wait_for_url(re.compile(r".*/criteria/.*"))
                page.wait_for_load_state("load")
            # Hover and focus everything: an injected handler would fire now.
            page.evaluate("""() => document.querySelectorAll('*').forEach(e => {
                e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                e.dispatchEvent(new FocusEvent('focus'));
            })""")
            page.wait_for_timeout(20)
            assert dialogs == [] and away == [], path.relative_to(payload_site)
    finally:
        context.close()
        server.shutdown()
