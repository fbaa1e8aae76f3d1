"""The footer of every page: where the content comes from, its licence, when it last changed and
where to send feedback. Pure: the hook hands in the page, the commit time and the repository.

Each item is ready HTML, escaped here, so the template (overrides/partials/footer.html) only lays
the items out. The links go to hand-written pages: `about.md`, and the sections the labels
`footer_licence_target` and `footer_feedback_target` name in each language (tests/test_links.py
finds a link to a section that is gone).
"""

from __future__ import annotations

import datetime
import html
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

from kb.labels import LOCALES, Lang, label
from kb.site_links import relative_href

# KS's own site: the report's sources cite its pages there; no page of it is named as a contact page.
KS_HOME = "https://www.ks.no/"
# The report's title, in Norwegian on every page: it has no English edition.
REPORT_TITLE = "Lederutfordringer i digitale omstillingsprosesser"
# "Last updated" is the day in Norway, where the content is edited.
EDITORS_ZONE = zoneinfo.ZoneInfo("Europe/Oslo")


@dataclass(frozen=True)
class FooterItem:
    label: str  # plain text, escaped by the template
    html: str  # the item's text and links, escaped here


@dataclass(frozen=True)
class FooterContext:
    """What is the same on every page of one language's build."""

    lang: Lang
    site_url: str | None  # this language's address: the 404 page's links start at its path
    pages: frozenset[str]  # the built pages' sources (about.md …): a link only to a page that exists
    updated: int  # seconds since the epoch of the content's last commit; 0 outside git: no date then
    repo_url: str | None  # feedback goes to its issues when it is set


def footer_items(site: FooterContext, page_url: str | None) -> list[FooterItem]:
    """The footer of the page at `page_url`, relative to the language's root; None for the 404 page,
    which is served at any address and so links absolutely."""
    lang = site.lang
    # The 404 page's links start at the site's path (/lederutfordringer-kb/), on any host.
    root = urlsplit(site.site_url or "/").path.rstrip("/") + "/"

    def link_to(text_key: str, target: str) -> str:
        source, _, anchor = target.partition("#")
        if source not in site.pages:
            return ""
        folder = source.removesuffix(".md") + "/"
        there = root + folder if page_url is None else relative_href("/" + page_url, "/" + folder)
        return link(label(text_key, lang), there + (f"#{anchor}" if anchor else ""))

    title = f'<cite lang="nb">{html.escape(REPORT_TITLE)}</cite>'
    source = [html.escape(label("footer_source_text", lang)).replace("{title}", title), link_to("footer_about", "about.md")]
    licence = [html.escape(label("footer_licence_text", lang)), link_to("footer_licence_link", label("footer_licence_target", lang))]
    if site.repo_url:
        report = link(label("footer_report_issue", lang), site.repo_url.rstrip("/") + "/issues")
    else:
        report = link_to("footer_how_to_report", label("footer_feedback_target", lang))
    feedback = [report, link(label("footer_ks", lang), KS_HOME)]
    items = [
        FooterItem(label("footer_source", lang), " ".join(filter(None, source))),
        FooterItem(label("footer_licence", lang), " ".join(filter(None, licence))),
        FooterItem(label("footer_feedback", lang), " · ".join(filter(None, feedback))),
    ]
    if site.updated:
        items.insert(2, FooterItem(label("footer_updated", lang), updated_date(site.updated, lang)))
    return items


def updated_date(timestamp: int, lang: Lang) -> str:
    """`<time datetime="2026-12-02">2. desember 2026</time>`: the day in Norway, said in `lang`."""
    from babel.dates import format_date  # Material's own dependency; only a build with a date needs it

    day = datetime.datetime.fromtimestamp(timestamp, EDITORS_ZONE).date()
    return f'<time datetime="{day.isoformat()}">{html.escape(format_date(day, "long", locale=LOCALES[lang]))}</time>'


def link(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
