"""A key figure as a page shows it: the report's value, in the page language's number conventions."""

from __future__ import annotations

from kb.labels import FIGURE_FORMATS, LANGS
from kb.locale_format import localised_figure
from kb.render.common import PageContext, markdown_literal


def figure_value(value: str, page: PageContext) -> str:
    """A key figure in the page language's conventions ("NOK 19.6 billion"); one left as printed
    that has words in it ("1976, røtter tilbake til 1839") is marked as the source language's."""
    shown = localised_figure(value, FIGURE_FORMATS[page.lang])
    if shown is not None:
        return markdown_literal(shown)
    if page.lang != LANGS[0] and any(char.isalpha() for char in value):
        return f'<span lang="{LANGS[0]}">{markdown_literal(value)}</span>'
    return markdown_literal(value)
