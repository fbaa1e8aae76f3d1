"""The site's own palette and type (overrides/assets/stylesheets/kb.css, theme in mkdocs.yml): every
pair of colours a reader sees text in meets WCAG AA, computed from the style sheet's own values,
and nothing in the theme asks another host for a font or a style sheet."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import REPO

KB_CSS = REPO / "overrides" / "assets" / "stylesheets" / "kb.css"

# (text colour, background colour, why the pair occurs): text must reach 4.5:1 (WCAG 1.4.3).
TEXT_PAIRS = [
    ("--md-default-fg-color", "--md-default-bg-color", "running text, navigation"),
    ("--md-typeset-color", "--md-default-bg-color", "running text in the article"),
    ("--md-default-fg-color--light", "--md-default-bg-color", "table of contents, captions, source notes, translations"),
    ("--md-primary-fg-color--dark", "--md-default-bg-color", "headings"),
    ("--md-typeset-a-color", "--md-default-bg-color", "links, the current page in the navigation"),
    ("--md-accent-fg-color", "--md-default-bg-color", "a link pointed at or focused"),
    ("--md-primary-bg-color", "--md-primary-fg-color", "the header's title and icons; the drawer's title on a phone"),
    ("--md-primary-bg-color--light", "--md-primary-fg-color", "the search box's placeholder in the header"),
    ("--md-accent-bg-color", "--md-accent-fg-color", "text on the accent colour"),
    ("--md-typeset-color", "--md-typeset-mark-color", "a search word highlighted on the page"),
    ("--md-code-fg-color", "--md-code-bg-color", "code"),
    ("--md-typeset-a-color", "--md-code-bg-color", "a link beside code"),
    ("--md-default-fg-color--light", "--md-default-fg-color--lightest", "the search's result count"),
]
# Focus rings and rules are not text: 3:1 against what they sit on (WCAG 1.4.11).
NON_TEXT_PAIRS = [
    ("--md-accent-fg-color", "--md-default-bg-color", "the focus ring on the page"),
    ("--md-primary-bg-color", "--md-primary-fg-color", "the focus ring in the header"),
]


def palette(css: str) -> dict[str, str]:
    """The custom properties of the style sheet's `:root > *` block: {name: value}."""
    block = re.search(r":root > \* \{(.*?)\n\}", css, re.S)
    assert block, "kb.css has no `:root > * { … }` block of colours"
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", block[1]))


def rgb(value: str) -> tuple[int, int, int]:
    """An opaque colour `#rrggbb` as (r, g, b); a colour text is written in must not be translucent,
    or its contrast would depend on what lies under it."""
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", value), f"expected an opaque #rrggbb colour, not {value!r}"
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2.1's contrast ratio of two sRGB colours, 1 to 21."""
    def luminance(colour: tuple[int, int, int]) -> float:
        channels = [c / 255 for c in colour]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def background(colours: dict[str, str], name: str) -> tuple[int, int, int]:
    """A background as the reader sees it: a translucent one (`#rrggbbaa`) laid over the page's."""
    value = colours[name]
    if not re.fullmatch(r"#[0-9a-fA-F]{8}", value):
        return rgb(value)
    alpha = int(value[7:9], 16) / 255
    page = rgb(colours["--md-default-bg-color"])
    return tuple(round(alpha * c + (1 - alpha) * p) for c, p in zip(rgb(value[:7]), page, strict=True))  # type: ignore[return-value]


@pytest.mark.unit
def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((255, 255, 255), (255, 255, 255)) == pytest.approx(1)
    assert contrast(rgb("#767676"), rgb("#ffffff")) == pytest.approx(4.54, abs=0.01)  # the familiar AA grey


@pytest.mark.unit
@pytest.mark.parametrize("text,background_name,where", TEXT_PAIRS)
def test_text_colours_meet_wcag_aa(text, background_name, where):
    colours = palette(KB_CSS.read_text("utf-8"))
    ratio = contrast(rgb(colours[text]), background(colours, background_name))
    assert ratio >= 4.5, f"{where}: {text} on {background_name} is {ratio:.2f}:1"


@pytest.mark.unit
@pytest.mark.parametrize("mark,background_name,where", NON_TEXT_PAIRS)
def test_focus_rings_stand_out(mark, background_name, where):
    colours = palette(KB_CSS.read_text("utf-8"))
    assert contrast(rgb(colours[mark]), background(colours, background_name)) >= 3, where


@pytest.mark.unit
def test_the_theme_uses_the_palette_and_system_fonts_only():
    """Material's own colours are off ("custom"), no web font is fetched (font: false), and the
    style sheet loads nothing from elsewhere: no @import, no url() to another host, no @font-face."""
    theme = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_IgnoreTags)["theme"]
    assert theme["font"] is False
    assert theme["palette"] == {"scheme": "default", "primary": "custom", "accent": "custom"}
    css = KB_CSS.read_text("utf-8")
    assert "@import" not in css and "@font-face" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    fonts = palette(css)
    for name in ("--md-text-font", "--md-code-font", "--kb-heading-font"):
        assert name in fonts


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags read as plain values: only the theme is of interest here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
