"""What a page tells other programs about itself: Open Graph tags for link previews, citation tags
for reference managers, and the labels of the citation box's script."""

from __future__ import annotations

import html

from kb.labels import LANGS, LOCALES, Lang, label
from kb.render.cite import REPORT_DATE, REPORT_INSTITUTION, REPORT_LANGUAGE, REPORT_NUMBER, REPORT_SHORT_AUTHOR, REPORT_TITLE


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


def cite_script_data(lang: Lang) -> list[tuple[str, str]]:
    """(data attribute, escaped value) of kb-cite.js's <script>: its labels in the page's language."""
    keys = ("cite_accessed", "cite_date_pattern", "cite_months", "cite_copy", "cite_copied", "cite_copy_failed")
    return [(key.removeprefix("cite_").replace("_", "-"), html.escape(label(key, lang), quote=True)) for key in keys]
