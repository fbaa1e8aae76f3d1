"""Norwegian passages on another language's page, marked `lang="nb"` so that screen readers say
them in Norwegian and browsers hyphenate them as Norwegian (WCAG 3.1.2, language of parts).

Record fields that are Norwegian by nature (quotes, programme names) are marked where they are
rendered. Running text cannot carry the attribute itself (records and hand-written pages are
Markdown without HTML), so the English texts' own conventions are read instead:
- a case's programme names, which the English text keeps and glosses on first use;
- on hand-written pages, a title in italics followed by its English gloss in brackets
  (`*Gevinstkokebok* [Benefits cookbook]`, `*Digital agenda for Norge* (Digital agenda …)`,
  `*Hva er digitalisering*, “What is digitalisation”`), the report's own title in italics, and
  a passage in Norwegian quotation marks followed by its gloss (`«Smart omsorg» (smart care)`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kb.labels import LANGS, Lang, label

SOURCE = LANGS[0]
# A title in italics (no emphasis inside), then its gloss: " [", ", “" or " (" not followed by a
# page reference or a year, which follow English titles too.
GLOSSED_TITLE = re.compile(r"(?<![*\w])\*(?!\s)([^*\n]{2,200}?)(?<!\s)\*(?=\s\[|,\s“|\s\((?!pp?\.|\d))")
GLOSSED_QUOTE = re.compile(r"«([^«»\n]{1,400})»(?=\s\()")


def mark_names(markdown: str, names: Iterable[str], lang: Lang) -> str:
    """Each of `names` (Markdown-escaped, as the text writes them) where it stands as whole words."""
    ordered = sorted(set(names), key=len, reverse=True)
    if lang == SOURCE or not ordered:
        return markdown
    pattern = re.compile(rf'(?<!\w)(?<!lang="{SOURCE}">)({"|".join(re.escape(n) for n in ordered)})(?!\w)')
    return pattern.sub(rf'<span lang="{SOURCE}">\1</span>', markdown)


def mark_hand_page(markdown: str, lang: Lang) -> str:
    """A hand-written page's Norwegian titles and glossed quotations, outside code blocks."""
    if lang == SOURCE:
        return markdown
    # Fenced code (a BibTeX entry) is left alone.
    lines, in_fence = markdown.split("\n"), False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence:
            lines[i] = _mark_prose(line)
    return "\n".join(lines)


def _mark_prose(text: str) -> str:
    title = label("report_title", SOURCE)
    text = text.replace(f"*{title}*", f'<em lang="{SOURCE}">{title}</em>')
    text = GLOSSED_TITLE.sub(rf'<em lang="{SOURCE}">\1</em>', text)
    return GLOSSED_QUOTE.sub(rf'«<span lang="{SOURCE}">\1</span>»', text)
