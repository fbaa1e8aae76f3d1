"""What a page tells other sites about itself: Open Graph tags for link previews."""

from __future__ import annotations

import html

from kb.labels import LANGS, LOCALES, Lang


def open_graph(title: str, description: str, url: str | None, lang: Lang, site_name: str) -> list[tuple[str, str]]:
    """(property, escaped content) pairs; the template only prints them."""
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
    # Descriptions from front matter arrive escaped already; unescape first so nothing is escaped twice.
    return [(prop, html.escape(html.unescape(value), quote=True)) for prop, value in tags]
