"""A quotation as a figure: the Norwegian words as said, the attribution, and a translation."""

from __future__ import annotations

from kb.labels import LANGS
from kb.model import Case, Quote
from kb.render.common import PageContext, markdown_literal

# Quotes are verbatim in the report's language, the source language; other languages translate them.
SOURCE = LANGS[0]


def render_quote(quote: Quote, case: Case, page: PageContext, *, anchor: bool, link_case: bool) -> str:
    # The quote stays in Norwegian on both sites (it is what was said); English readers get the
    # translation below it, labelled as one.
    attribution = quote_attribution(quote, case, page)
    if link_case:
        attribution = f"[{attribution}]({page.record_href('case', case.id, quote.id)})"
    id_attr = f' id="{quote.id}"' if anchor else ""
    lines = [
        f'<figure class="kb-quote"{id_attr} markdown="1">',
        f'<blockquote lang="{SOURCE}" markdown="1">\n\n{markdown_literal(getattr(quote.text, SOURCE))}\n\n</blockquote>',
        f'<figcaption markdown="1">— {attribution}, {page.page_ref(quote.page)}</figcaption>',
    ]
    translation = getattr(quote.text, page.lang) if page.lang != SOURCE else None
    if translation:
        lines.append(f'<p class="kb-translation" markdown="1"><em>{page.label("translation").capitalize()}:</em> {markdown_literal(translation)}</p>')
    note = page.source_note(quote.source_note)
    if note:
        lines.append(note)
    lines.append("</figure>")
    return "\n".join(lines)


def quote_attribution(quote: Quote, case: Case, page: PageContext) -> str:
    """Who says it: the informant (the name only when it may be published, then the role and the
    organisation), else the attribution the report gives, else the case organisation."""
    speaker = next((i for i in case.informants if i.id == quote.informant), None) if quote.informant else None
    if speaker is not None:
        who = [markdown_literal(speaker.name)] if speaker.publish_name and speaker.name else []
        return ", ".join([*who, page.inline(speaker.role), page.inline(case.name)])
    return page.inline(quote.attribution or case.name)
