"""Link previews: every page of both languages has complete Open Graph data and Twitter's card, with
absolute addresses, and the picture it names is published, a 1200×630 PNG."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO

from kb.labels import LANGS, LOCALES, label
from kb.render.meta import OG_IMAGE_SIZE, og_image_path, open_graph

# Each exactly once on every page.
ONCE = ["og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale", "og:locale:alternate",
        "og:image", "og:image:type", "og:image:width", "og:image:height", "og:image:alt", "twitter:card"]


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header (the IHDR chunk comes first)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def meta_tags(page_html: str) -> list[tuple[str, str]]:
    """(property or name, content) of each Open Graph and Twitter meta tag, in order, unescaped."""
    return [(key, html.unescape(content)) for key, content in
            re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">', page_html)]


@pytest.mark.unit
def test_open_graph_names_the_picture_of_the_pages_language_at_an_absolute_address():
    tags = open_graph("K1 – Site", "What K1 <means>", "https://example.org/en/k1/", "en", "Site", "https://example.org/en/")
    as_dict = dict((key, content) for _, key, content in tags)
    assert as_dict["og:image"] == "https://example.org/en/assets/images/og-card-en.png"
    assert (as_dict["og:image:width"], as_dict["og:image:height"]) == ("1200", "630")
    assert as_dict["og:image:alt"] == html.escape(label("og_image_alt", "en"))
    assert as_dict["og:description"] == "What K1 &lt;means&gt;"
    assert ("name", "twitter:card", "summary_large_image") in tags
    assert all(attribute == "property" for attribute, key, _ in tags if key.startswith("og:"))


@pytest.mark.unit
def test_without_a_site_address_no_relative_address_is_given():
    tags = {key: content for _, key, content in open_graph("T", "D", None, "nb", "S", None)}
    assert "og:url" not in tags and "og:image" not in tags and tags["twitter:card"] == "summary"


@pytest.mark.unit
@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_card_is_a_small_1200_by_630_png(lang):
    data = (REPO / "overrides" / og_image_path(lang)).read_bytes()
    assert png_size(data) == OG_IMAGE_SIZE == (1200, 630)
    assert len(data) < 150_000


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_has_each_open_graph_tag_once_with_absolute_addresses(real_site: Path, lang):
    root = real_site / ("" if lang == LANGS[0] else lang)
    pages = [p for p in root.rglob("*.html") if lang != LANGS[0] or p.relative_to(root).parts[0] not in LANGS]
    # Not shared: the error page (no address of its own) and the short addresses' redirects.
    pages = [p for p in pages if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text("utf-8")]
    assert len(pages) > 40
    for page in pages:
        tags = meta_tags(page.read_text("utf-8"))
        keys = [key for key, _ in tags]
        assert sorted(keys) == sorted(ONCE), f"{page}: {keys}"
        values = dict(tags)
        assert values["og:locale"] == LOCALES[lang] and values["og:locale:alternate"] != LOCALES[lang]
        assert values["og:title"] and values["og:description"] and values["og:image:alt"] == label("og_image_alt", lang)
        for key in ("og:url", "og:image"):
            address = urlsplit(values[key])
            assert address.scheme in ("http", "https") and address.netloc, f"{page}: {key} {values[key]!r} is not absolute"
        assert values["og:image"].endswith("/" + og_image_path(lang))
        assert values["twitter:card"] == "summary_large_image"
        # The page's own address, as its canonical link gives it.
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page.read_text("utf-8"))
        if canonical:
            assert values["og:url"] == canonical[1], page


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_the_card_is_published_in_each_language(real_site: Path, lang):
    for site_lang in LANGS:
        root = real_site / ("" if site_lang == LANGS[0] else site_lang)
        published = (root / og_image_path(lang)).read_bytes()
        assert published == (REPO / "overrides" / og_image_path(lang)).read_bytes()
    home = (real_site / ("" if lang == LANGS[0] else lang) / "index.html").read_text("utf-8")
    image = dict(meta_tags(home))["og:image"]
    assert urlsplit(image).path.endswith(("/en/" if lang == "en" else "/") + og_image_path(lang))
