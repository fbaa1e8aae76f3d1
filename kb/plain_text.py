"""Markdown as the plain text a reader sees: for spreadsheet cells, where Markdown is noise."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

# Blocks end a line; a list item starts one with a dash, as a reader would write it in plain text.
_BLOCK_ENDS = {"p", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "dl", "dd", "dt"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_ENDS:
            self.parts.append("\n\n" if tag in ("p", "ul", "ol", "blockquote", "table") else "\n")

    def handle_data(self, data: str) -> None:
        if "\n" in data and not data.strip():
            return  # the line breaks Python-Markdown puts between block tags
        self.parts.append(data)


def plain_text(text: str) -> str:
    """Links become their text (record links too: `[Bergen](case:bergen)` is "Bergen"), emphasis
    marks and escapes go; paragraphs are separated by a blank line, list items start with "- ".

    Python-Markdown reads the text as the site does, so nothing is stripped by guesswork; records
    hold no raw HTML (validation refuses it), and the parser only collects the text anyway."""
    if not any(char in text for char in "*_`[]\\<>&#-+0123456789"):
        return text  # no Markdown could be in it: most short texts
    parser = _Text()
    parser.feed(markdown.markdown(text))
    parser.close()
    joined = "".join(parser.parts)
    joined = re.sub(r"[ \t]*\n[ \t]*", "\n", joined)
    return re.sub(r"\n{3,}", "\n\n", joined).strip()
