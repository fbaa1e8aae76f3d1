"""'How to cite this page': the same citation on every page, as text and as BibTeX."""

from __future__ import annotations

import html
import re
import urllib.parse

from kb.render.common import PageContext, markdown_literal

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


def cite_block(markdown: str, page: PageContext) -> str:
    """A collapsed section at the end of the page; nothing if the page's address is not known."""
    if not page.url:
        return ""
    title, url = plain_title(markdown), citable_url(page.url)
    visited = page.label("visited")
    key = "kb-" + (re.sub(r"[^a-z0-9]+", "-", page.path[:-3].lower()).strip("-") or "index")
    note = f"{page.label('cite_site_title')}. {page.label('cite_based_on')}. {visited} [{page.label('date')}]"
    # The BibTeX is an indented code block: Markdown shows it as it is, so it is escaped for BibTeX only.
    bibtex = [
        f"@misc{{{key},",
        f"  title        = {{{bibtex_text(title)}}},",
        f"  howpublished = {{\\url{{{url}}}}},",
        f"  note         = {{{bibtex_text(note)}}},",
        "}",
    ]
    text = f"«{markdown_literal(title)}». *{page.label('cite_site_title')}*. {page.label('cite_based_on')}. <{url}> ({visited.lower()} [{page.label('date')}])."
    # The language's own quotation marks (languages/<code>.yml: cite_quote_marks, e.g. «» or “”).
    marks = page.label("cite_quote_marks")
    opening, closing = marks[0], marks[-1]
    text = text.replace("«", opening).replace("»", closing)
    return "\n".join(
        [
            '<details class="kb-cite" markdown="1">',
            f"<summary>{page.label('cite_this_page')}</summary>",
            "",
            text,
            "",
            *("    " + line for line in bibtex),
            "",
            "</details>",
        ]
    )


def with_citation(markdown: str, page: PageContext) -> str:
    """The page with its citation block appended (unchanged if its address is not known)."""
    block = cite_block(markdown, page)
    return markdown + "\n" + block + "\n" if block else markdown
