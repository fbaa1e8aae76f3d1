"""Second line of defence: whatever HTML a page's Markdown became, only safe HTML is published.

Validation already rejects raw HTML and script URLs in records and pages; this runs nh3 (the
Rust `ammonia` sanitiser) over every page's rendered content as well, so that a gap in those
checks still cannot put script, event handlers or `javascript:` URLs on a public KS site.
The allowlist is exactly what our renderers and Markdown produce.
"""

from __future__ import annotations

import html

import nh3
from markupsafe import Markup

TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "caption",
    "code",
    "details",
    "div",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "lang", "title", "aria-label", "aria-hidden", "aria-labelledby", "role", "tabindex"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    # The citation box (kb/render/cite.py) is the same on every page: the search leaves it out.
    "details": {"data-search-exclude"},
    # What repeats other pages' text (kb/render/common.py, repeated) is left out of the index too.
    "div": {"data-search-exclude"},
    "ul": {"data-search-exclude"},
}
URL_SCHEMES = {"http", "https", "mailto"}


# Built once: handing the allowlists to Rust on every call costs a fifth of the cleaning.
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """`html` with every tag, attribute and URL scheme outside the allowlist removed (and comments)."""
    return _CLEANER.clean(html)


def theme_title(title: str) -> Markup:
    """A title safe in every place the theme prints one: as HTML (navigation), after `striptags`
    (which decodes entities, in <title>) and in attributes (`| e` leaves Markup as it is).

    The content check already refuses markup in titles; this is the second line of defence."""
    text = title
    while (decoded := html.unescape(text)) != text:  # entities inside entities: `&amp;lt;`
        text = decoded
    text = "".join(char for char in text if char not in "<>" and char >= " ")
    # `'` stays as it is: the theme's attributes use double quotes, and search indexes the title.
    return Markup(html.escape(text, quote=False).replace('"', "&quot;"))
