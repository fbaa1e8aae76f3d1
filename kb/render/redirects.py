"""Short, stable addresses: /k1/ … /k9/ lead to the criterion pages, in each language."""

from __future__ import annotations

import html

from kb.kinds import record_kind
from kb.labels import Lang, label
from kb.link import Catalog
from kb.render.common import criterion_code, text_in


def short_path(number: int) -> str:
    return f"{criterion_code(number).lower()}/index.html"


def render_redirects(catalog: Catalog, lang: Lang) -> dict[str, str]:
    """{k1/index.html: a page that forwards to criteria/<id>/}, one per criterion."""
    pages = {}
    for criterion in catalog.ordered_criteria():
        target = f"../{record_kind('criterion').page_folder}/{criterion.id}/"
        title = html.escape(f"{criterion_code(criterion.number)} {text_in(criterion.short_title, lang)}")
        # A plain HTML forward (no JavaScript): works on GitHub Pages, which has no server redirects.
        pages[short_path(criterion.number)] = (
            f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f"</head>\n<body>\n"
            f'<p>{html.escape(label("redirect", lang))} <a href="{target}">{title}</a>.</p>\n'
            f"</body>\n</html>\n"
        )
    return pages
