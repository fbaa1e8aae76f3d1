"""Lighthouse scores for the key pages, both languages, in Debian's Chromium.

    python scripts/lighthouse.py [SITE_DIR]     (default: site/; needs `npm ci` for lighthouse)

Prints the four category scores per page. A report, not a gate: performance depends on the
machine. Accessibility, best practices and SEO should be 100; the browser tests are the gate.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import page_weight  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
KEY_PAGES = ["", "criteria/gevinstrealisering/", "cases/bergen/", "matrix/", "glossary/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class GzipHandler(page_weight.QuietHandler):
    """Serves text gzipped, as GitHub Pages does: Lighthouse's simulated phone network then loads
    what a reader's phone would, not the uncompressed files."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and page_weight.is_text(path.name) and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def scores(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={report}", "--quiet"],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            check=True,
        )
        categories = json.loads(report.read_text("utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else ROOT / "site"
    print("| page | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---:|" * len(CATEGORIES))
    # At the published path (/lederutfordringer-kb/), as GitHub Pages serves it.
    with page_weight.serve(site, GzipHandler) as home:
        for prefix in ("", "en/"):
            for path in KEY_PAGES:
                result = scores(home + prefix + path)
                print(f"| /{prefix}{path} | " + " | ".join(str(result[c]) for c in CATEGORIES) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
