"""What a page tells other programs about itself: Open Graph tags for link previews, citation tags
for reference managers, and the labels of the citation box's script."""

from __future__ import annotations

import html

from kb.labels import LANGS, LOCALES, Lang, label
from kb.render.cite import REPORT_DATE, REPORT_INSTITUTION, REPORT_LANGUAGE, REPORT_NUMBER, REPORT_SHORT_AUTHOR, REPORT_TITLE

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


def citation_meta() -> list[tuple[str, str]]:
    """(name, escaped content) of the Highwire `citation_*` tags that reference managers (Zotero,
    Mendeley, Google Scholar) read: the report every page is based on, which is what a reader
    should cite. No `citation_pdf_url`: the report gives no web address, and none is invented."""
    year, month = REPORT_DATE
    tags = [
        ("citation_title", REPORT_TITLE),
        ("citation_author", REPORT_SHORT_AUTHOR),
        ("citation_publication_date", f"{year}/{month:02}"),
        ("citation_publisher", REPORT_INSTITUTION),
        # Zotero takes the item for a report (not a journal article) from the institution.
        ("citation_technical_report_institution", REPORT_INSTITUTION),
        ("citation_technical_report_number", REPORT_NUMBER),
        ("citation_language", REPORT_LANGUAGE),
    ]
    return [(name, html.escape(value, quote=True)) for name, value in tags]


def search_script_data(lang: Lang) -> list[tuple[str, str]]:
    """(data attribute, escaped value) of kb-search-ui.js's <script>: what it says when a search
    finds nothing or more than it shows, in the page's language."""
    keys = ("search_did_you_mean", "search_none_help", "search_glossary", "search_criteria", "search_shown")
    return [(key.removeprefix("search_").replace("_", "-"), html.escape(label(key, lang), quote=True)) for key in keys]


def cite_script_data(lang: Lang) -> list[tuple[str, str]]:
    """(data attribute, escaped value) of kb-cite.js's <script>: its labels in the page's language."""
    keys = ("cite_accessed", "cite_date_pattern", "cite_months", "cite_copy", "cite_copied", "cite_copy_failed")
    return [(key.removeprefix("cite_").replace("_", "-"), html.escape(label(key, lang), quote=True)) for key in keys]
