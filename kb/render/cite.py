"""'How to cite this page': this page and the report it is based on, as text, BibTeX and RIS.

The box reads correctly without scripts (the last-updated date is the build's); where scripts run,
overrides/assets/javascripts/kb-cite.js adds the reader's access date and a copy button per format."""

from __future__ import annotations

import datetime
import html
import re
import urllib.parse

from kb.labels import LANGUAGES, Lang, label
from kb.render.common import PageContext, markdown_literal
from kb.render.source_language import mark_hand_page

# LaTeX's special characters as text. BibTeX counts braces to find a field's end and does not
# read backslashes, so `\{` would still close `title = {…}` early: braces and the backslash
# become commands whose own braces are balanced. `<` and `>` are commands too: LaTeX's default
# font prints them as ¡ and ¿, and a `</details>` in the code block would end the block for
# Python-Markdown's HTML parser, which reads raw HTML before it knows what is code.
_BIBTEX_TEXT = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "#": r"\#",
        "&": r"\&",
        "$": r"\$",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
        "<": r"\textless{}",
        ">": r"\textgreater{}",
    }
)
# Markdown's backslash escapes (as `markdown_literal` writes them, or an editor in a heading).
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
# A heading's attribute list, `{#id}` or `{: .class}`, is not part of its text.


def plain_title(markdown: str) -> str:
    """The page's level-1 heading as plain text: no tags, escapes or entities."""
    match = re.search(r"^# (.+)$", markdown, re.M)
    title = match[1] if match else ""
    title = re.sub(r"<[^<>]*>", "", without_attribute_list(title))
    # Escapes go before entities: `&#92;*` is a backslash and a star, not an escaped star.
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", title)).strip()


def without_attribute_list(heading: str) -> str:
    """The heading without a closing `{#id}` / `{: …}` (found without a pattern: on a long
    heading of braces and blanks, a pattern anchored at the end is quadratic)."""
    stripped = heading.rstrip()
    opening = stripped.rfind("{")
    if stripped.endswith("}") and opening >= 0 and "}" not in stripped[opening:-1] and not stripped[:opening].endswith("\\"):
        return stripped[:opening].rstrip()
    return heading


def bibtex_text(text: str) -> str:
    """Plain text as the value of a braced BibTeX field: it cannot end the field or start a command."""
    return text.translate(_BIBTEX_TEXT)


def citable_url(url: str) -> str:
    """The address with everything outside RFC 3986's characters percent-encoded: spaces, `{}\\`,
    `<>` and `"` can then neither end `\\url{…}` nor the `<…>` link in the text."""
    return urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")


# The report as the cite page (content/*/cite.md) gives it. The cover names no personal authors,
# so PwC is the author; "PwC" alone is what reference managers read as one (institutional) name.
REPORT_KEY = "pwc2018lederutfordringer"
REPORT_TITLE = "Lederutfordringer i digitale omstillingsprosesser"
REPORT_AUTHOR = "PricewaterhouseCoopers AS (PwC)"
REPORT_SHORT_AUTHOR = "PwC"
REPORT_INSTITUTION = "PricewaterhouseCoopers AS"
REPORT_NUMBER = "KS FoU-prosjekt nr. 174031"
REPORT_DATE = (2018, 3)  # dated March 2018 (the foreword: 8 March 2018)
REPORT_LANGUAGE = "nb"

# BibTeX's month macros (not the locale's abbreviations: the build must not depend on it).
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Where the reader's access date goes (kb-cite.js fills it in; empty without scripts).
_ACCESSED = object()
_DATE_TOKENS = re.compile(r"YYYY|MMMM|MM|DD|M|D")


def formatted_date(date: datetime.date, lang: Lang) -> str:
    """The date as the language writes it in a citation (`cite_date_pattern`: 02.12.2026, 2 December
    2026). kb-cite.js reads the same pattern and month names for the reader's access date."""
    months = label("cite_months", lang).split()
    values = {
        "YYYY": str(date.year),
        "MMMM": months[date.month - 1],
        "MM": f"{date.month:02}",
        "DD": f"{date.day:02}",
        "M": str(date.month),
        "D": str(date.day),
    }
    return _DATE_TOKENS.sub(lambda m: values[m[0]], label("cite_date_pattern", lang))


def cite_block(markdown: str, page: PageContext) -> str:
    """A collapsed section at the end of the page: this page and the report, each as text, BibTeX
    and RIS; nothing if the page's address is not known."""
    if not page.url:
        return ""
    title, url = plain_title(markdown), citable_url(page.url)
    updated = f" {page.label('cite_updated')} {formatted_date(page.updated, page.lang)}." if page.updated else ""
    # The language's own quotation marks (languages/<code>.yml: cite_quote_marks, e.g. «» or “”).
    marks = page.label("cite_quote_marks")
    text = f"{marks[0]}{markdown_literal(title)}{marks[-1]}. *{page.label('cite_site_title')}*. {page.label('cite_based_on')}.{updated} <{url}>"
    this_page = [
        formatted_text(page, text + _accessed_slot("text") + "."),
        *formatted_code(page, "BibTeX", page_bibtex(title, url, page)),
        *formatted_code(page, "RIS", page_ris(title, url, page)),
    ]
    report = [
        formatted_text(page, mark_hand_page(page.label("cite_report_text"), page.lang)),
        *formatted_code(page, "BibTeX", report_bibtex(page)),
        *formatted_code(page, "RIS", report_ris(page)),
    ]
    return "\n".join(
        [
            # Left out of the search index: on every page, it would only make every page match "PwC".
            '<details class="kb-cite" markdown="1" data-search-exclude>',
            f"<summary>{page.label('cite_this_page')}</summary>",
            "",
            *cite_section(page.label("cite_page"), this_page),
            *cite_section(page.label("cite_report"), report),
            "</details>",
        ]
    )


def cite_section(heading: str, formats: list[str]) -> list[str]:
    return [
        '<div class="kb-cite__source" markdown="1">',
        "",
        f'<p class="kb-cite__heading"><strong>{html.escape(heading)}</strong></p>',
        "",
        *formats,
        "</div>",
        "",
    ]


def formatted_text(page: PageContext, markdown: str) -> str:
    label_ = f'<p class="kb-cite__label">{html.escape(page.label("cite_format_text"))}</p>'
    return f'{label_}\n\n<p class="kb-cite__format" markdown="1">{markdown}</p>\n'


def formatted_code(page: PageContext, name: str, lines: list[str | object]) -> list[str]:
    """A code format as raw HTML: escaped line by line, so the access-date slot can sit between lines."""
    body = "".join(_accessed_slot(name.lower()) if line is _ACCESSED else html.escape(str(line), quote=False) + "\n" for line in lines)
    return [f'<p class="kb-cite__label">{name}</p>', "", f'<pre class="kb-cite__format"><code>{body}</code></pre>', ""]


def _accessed_slot(kind: str) -> str:
    return f'<span class="kb-cite__accessed kb-cite__accessed--{kind}"></span>'


def page_key(page: PageContext) -> str:
    return "kb-" + (re.sub(r"[^a-z0-9]+", "-", page.path[:-3].lower()).strip("-") or "index")


def page_bibtex(title: str, url: str, page: PageContext) -> list[str | object]:
    """biblatex's @online (read as @misc by classic BibTeX, which prints `howpublished`)."""
    note = f"{page.label('cite_site_title')}. {page.label('cite_based_on')}"
    dated = [("date", f"{{{page.updated.isoformat()}}}"), ("year", f"{{{page.updated.year}}}")] if page.updated else []
    return bibtex_entry(
        f"online{{{page_key(page)}",
        [
            ("title", f"{{{bibtex_text(title)}}}"),
            *dated,
            ("url", f"{{{url}}}"),
            _ACCESSED,
            ("howpublished", f"{{\\url{{{url}}}}}"),
            ("note", f"{{{bibtex_text(note)}}}"),
            ("language", f"{{{bibtex_language(page.lang)}}}"),
        ],
    )


def report_bibtex(page: PageContext) -> list[str | object]:
    year, month = REPORT_DATE
    return bibtex_entry(
        f"techreport{{{REPORT_KEY}",
        [
            ("author", f"{{{{{bibtex_text(REPORT_AUTHOR)}}}}}"),
            ("title", f"{{{REPORT_TITLE}}}"),
            ("institution", f"{{{REPORT_INSTITUTION}}}"),
            ("address", "{Oslo}"),
            ("year", f"{{{year}}}"),
            ("month", _BIBTEX_MONTHS[month - 1]),
            ("type", f"{{{bibtex_text(page.label('cite_report_type'))}}}"),
            ("number", f"{{{REPORT_NUMBER}}}"),
            ("note", f"{{{bibtex_text(page.label('cite_report_note'))}}}"),
            ("language", f"{{{bibtex_language(REPORT_LANGUAGE)}}}"),
        ],
    )


def bibtex_entry(opening: str, fields: list[tuple[str, str] | object]) -> list[str | object]:
    """`@type{key,`, one `name = value,` line per field with the names aligned, and `}`. (kb-cite.js
    writes its `urldate` line aligned as the page's entry is: 12 columns.)"""
    width = max(len(field[0]) for field in fields if isinstance(field, tuple))
    return [f"@{opening},", *(f"  {field[0]:<{width}} = {field[1]}," if isinstance(field, tuple) else field for field in fields), "}"]


def page_ris(title: str, url: str, page: PageContext) -> list[str | object]:
    """RIS (Zotero, EndNote, Mendeley): an electronic source; `Y2` is the access date."""
    dated = [("PY", str(page.updated.year)), ("DA", f"{page.updated:%Y/%m/%d}")] if page.updated else []
    return ris_record(
        "ELEC",
        [
            ("TI", ris_text(title)),
            ("T2", page.label("cite_site_title")),
            *dated,
            ("UR", url),
            _ACCESSED,
            ("N1", page.label("cite_based_on")),
            ("LA", page.lang),
        ],
    )


def report_ris(page: PageContext) -> list[str | object]:
    year, month = REPORT_DATE
    return ris_record(
        "RPRT",
        [
            ("AU", REPORT_SHORT_AUTHOR),
            ("TI", REPORT_TITLE),
            ("PY", str(year)),
            ("DA", f"{year}/{month:02}"),
            ("PB", REPORT_INSTITUTION),
            ("CY", "Oslo"),
            ("M3", page.label("cite_report_type")),
            ("N1", f"{page.label('cite_report_note')}. {REPORT_NUMBER}"),
            ("LA", REPORT_LANGUAGE),
        ],
    )


def ris_record(kind: str, fields: list[tuple[str, str] | object]) -> list[str | object]:
    """`TY  - kind`, one `TAG  - value` line per field, `ER  - `."""
    return [f"TY  - {kind}", *(f"{field[0]}  - {field[1]}" if isinstance(field, tuple) else field for field in fields), "ER  - "]


def ris_text(text: str) -> str:
    """A RIS value is one line: a line break would start a tag of its own."""
    return " ".join(text.split())


def bibtex_language(lang: str) -> str:
    """biblatex's language name: `norwegian`, `english`."""
    return LANGUAGES[lang].language.english_name.lower()


def with_citation(markdown: str, page: PageContext) -> str:
    """The page with its citation block appended (unchanged if its address is not known)."""
    block = cite_block(markdown, page)
    return markdown + "\n" + block + "\n" if block else markdown
