"""'How to cite this page': the same citation on every page, as text and as BibTeX."""

from __future__ import annotations

import html
import re

from kb.render.common import PageContext

SITE_TITLE = {
    "nb": "Lederutfordringer i digitale omstillingsprosesser – kunnskapsbase",
    "en": "Leadership challenges in digital transformation processes – knowledge base",
}
BASED_ON = {
    "nb": "Basert på PwC for KS (2018), KS FoU-prosjekt nr. 174031",
    "en": "Based on PwC for KS (2018), KS R&D project no. 174031",
}


def plain_title(markdown: str) -> str:
    """The page's level-1 heading as plain text."""
    match = re.search(r"^# (.+)$", markdown, re.M)
    title = match[1] if match else ""
    title = re.sub(r"<[^>]+>|\\{#[^}]*\\}", "", title)
    return html.unescape(title.replace("\\", "")).strip()


def cite_block(markdown: str, page: PageContext) -> str:
    """A collapsed section at the end of the page; nothing if the page's address is not known."""
    if not page.url:
        return ""
    title, url = plain_title(markdown), page.url
    visited = page.label("visited")
    key = "kb-" + (re.sub(r"[^a-z0-9]+", "-", page.path[:-3].lower()).strip("-") or "index")
    bibtex = [
        f"@misc{{{key},",
        f"  title        = {{{title}}},",
        f"  howpublished = {{\\url{{{url}}}}},",
        f"  note         = {{{SITE_TITLE[page.lang]}. {BASED_ON[page.lang]}. {visited} [{page.label('date')}]}},",
        "}",
    ]
    text = f"«{title}». *{SITE_TITLE[page.lang]}*. {BASED_ON[page.lang]}. <{url}> ({visited.lower()} [{page.label('date')}])."
    if page.lang == "en":
        text = text.replace("«", "“").replace("»", "”")
    return "\n".join([
        '<details class="kb-cite" markdown="1">',
        f"<summary>{page.label('cite_this_page')}</summary>",
        "",
        text,
        "",
        *("    " + line for line in bibtex),
        "",
        "</details>",
    ])


def with_citation(markdown: str, page: PageContext) -> str:
    """The page with its citation block appended (unchanged if its address is not known)."""
    block = cite_block(markdown, page)
    return markdown + "\n" + block + "\n" if block else markdown
