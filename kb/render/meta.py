"""What a page tells other sites about itself: Open Graph tags for link previews."""

from __future__ import annotations

import html

from kb.labels import LANGS, LOCALES, Lang, label

# The link preview's picture, one per language (its text is the language's), made by
# scripts/og_card.py and published from the theme's assets in both sites.
OG_IMAGE_PATH = "assets/images/og-card-{lang}.png"
OG_IMAGE_SIZE = (1200, 630)


def og_image_path(lang: Lang) -> str:
    """The card's path inside a language's site (and inside overrides/, where it is kept)."""
    return OG_IMAGE_PATH.format(lang=lang)


def open_graph(title: str, description: str, url: str | None, lang: Lang, site_name: str, site_url: str | None = None) -> list[tuple[str, str, str]]:
    """(attribute, key, escaped content) triples, `property` for Open Graph and `name` for Twitter's
    card; the template only prints them. The page's and the picture's addresses are absolute, so
    they are left out when the site has no address."""
    tags = [
        ("og:type", "website"),
        ("og:site_name", site_name),
        ("og:title", title),
        ("og:description", description),
        ("og:locale", LOCALES[lang]),
        *(("og:locale:alternate", LOCALES[other]) for other in LANGS if other != lang),
    ]
    if url:
        tags.append(("og:url", url))
    if site_url:
        width, height = OG_IMAGE_SIZE
        tags += [
            ("og:image", site_url.rstrip("/") + "/" + og_image_path(lang)),
            ("og:image:type", "image/png"),
            ("og:image:width", str(width)),
            ("og:image:height", str(height)),
            ("og:image:alt", label("og_image_alt", lang)),
        ]
    triples = [("property", prop, value) for prop, value in tags] + [("name", "twitter:card", "summary_large_image" if site_url else "summary")]
    # Descriptions from front matter arrive escaped already; unescape first so nothing is escaped twice.
    return [(attribute, key, html.escape(html.unescape(value), quote=True)) for attribute, key, value in triples]
