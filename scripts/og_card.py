"""Make the link preview's card, one PNG per language: overrides/assets/images/og-card-<lang>.png.

    python scripts/og_card.py

Lays the card out as a small HTML page, in the site's palette (read from kb.css) and with the
texts of languages/*.yml (og_image_*), and screenshots it at 1200×630 in Debian's Chromium
(Playwright). The PNGs are committed, so every build copies the same bytes; run this again when
the card's texts or the palette change, and commit what it wrote.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb.labels import LANGS, label  # noqa: E402 - the core, found from this checkout
from kb.render.meta import OG_IMAGE_SIZE, og_image_path  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
KB_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "kb.css"
# Fonts every Debian machine with Chromium has; the card must look the same wherever it is made.
CARD = """<!doctype html><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {width}px; height: {height}px; }}
body {{ box-sizing: border-box; padding: 84px 96px 72px; display: flex; flex-direction: column;
  background: {primary}; color: {text}; font-family: "DejaVu Sans", sans-serif;
  border-bottom: 14px solid {accent}; }}
h1 {{ margin: 0; font: 700 66px/1.15 "DejaVu Serif", serif; letter-spacing: -0.5px; }}
p {{ margin: 36px 0 0; font-size: 32px; line-height: 1.35; color: {soft}; }}
.facts {{ margin-top: auto; font-size: 28px; font-weight: 700; color: {text}; }}
</style><h1>{title}</h1><p>{subtitle}</p><p class="facts">{facts}</p>"""


def palette_colour(css: str, name: str) -> str:
    """A colour of kb.css's palette, by its custom property's name."""
    found = re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}});", css)
    if not found:
        raise SystemExit(f"og_card: {name} is not an #rrggbb colour in {KB_CSS}")
    return found[1]


def card_html(lang: str, css: str) -> str:
    """The card of one language as an HTML page, its texts escaped."""
    width, height = OG_IMAGE_SIZE
    colours = {
        key: palette_colour(css, name)
        for key, name in (
            ("primary", "--md-primary-fg-color"),
            ("text", "--md-primary-bg-color"),
            ("soft", "--md-primary-bg-color--light"),
            ("accent", "--md-accent-fg-color"),
        )
    }
    texts = {key: html.escape(label(f"og_image_{key}", lang)) for key in ("title", "subtitle", "facts")}
    return CARD.format(width=width, height=height, **colours, **texts)


def main() -> int:
    from playwright.sync_api import sync_playwright

    css = KB_CSS.read_text("utf-8")
    width, height = OG_IMAGE_SIZE
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        for lang in LANGS:
            target = ROOT / "overrides" / og_image_path(lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            page.set_content(card_html(lang, css))
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": width, "height": height})
            print(f"og_card: {target.relative_to(ROOT)} ({target.stat().st_size:,} bytes)")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
