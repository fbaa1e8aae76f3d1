"""Pieces every page renderer uses: language fallback, record paths and links, page lists."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from kb.labels import Lang, label
from kb.link import Catalog
from kb.markdown import RecordLink, rewrite_record_links
from kb.model import LongText, Text

# Record kinds -> folder of their pages; the same in both languages.
PAGE_FOLDERS = {"criterion": "criteria", "case": "cases", "perspective": "perspectives", "finding": "findings"}


def record_path(kind: str, record_id: str) -> str:
    return f"{PAGE_FOLDERS[kind]}/{record_id}.md"


def index_path(kind: str) -> str:
    return f"{PAGE_FOLDERS[kind]}/index.md"


@dataclass(frozen=True)
class PageContext:
    """What a renderer needs to know about the page it writes: its language and its place."""

    lang: Lang
    path: str  # e.g. "cases/bergen.md"
    catalog: Catalog

    def href(self, target: str, anchor: str | None = None) -> str:
        """Relative link from this page to another page's Markdown source (MkDocs checks it)."""
        relative = posixpath.relpath(target, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def record_href(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        return self.href(record_path(kind, record_id), anchor)

    def inline(self, text: Text) -> str:
        """A short text in the page's language; Norwegian, marked as such, where English is missing."""
        if self.lang == "en" and text.en is None:
            return f'<span lang="nb">{escape(text.nb)}</span>'
        return escape(text.en if self.lang == "en" else text.nb)

    def block(self, text: LongText) -> str:
        """A Markdown text with its record links resolved; a Norwegian fallback is marked `lang`."""
        fallback = self.lang == "en" and text.en is None
        body = resolve_links(text.nb if self.lang == "nb" or fallback else text.en or "", self)
        if fallback:
            return f'<div lang="nb" markdown="1">\n\n{body}\n\n</div>'
        return body

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def page_ref(self, pages: list[int] | int) -> str:
        """'s. 30–33' / 'pp. 30–33' / 'p. 25': English says pp. for more than one page."""
        pages = [pages] if isinstance(pages, int) else pages
        key = "page" if len(set(pages)) == 1 else "pages"
        return f"{self.label(key)} {page_ranges(pages)}"

    def pages(self, pages: list[int]) -> str:
        """The closing source line of a page."""
        return f"{self.label('source_report')} {self.page_ref(pages)}."


def resolve_links(markdown: str, page: PageContext) -> str:
    return resolve_links_from(page.path, markdown)


def resolve_links_from(path: str, markdown: str) -> str:
    """Record links in Markdown -> relative links to the records' pages, from the page at `path`."""
    folder = posixpath.dirname(path) or "."

    def target(link: RecordLink) -> str:
        relative = posixpath.relpath(record_path(link.kind, link.id), folder)
        return relative + (f"#{link.anchor}" if link.anchor else "")

    return rewrite_record_links(markdown, target)


def escape(text: str) -> str:
    """Plain text into Markdown: no HTML, and no accidental link or emphasis brackets."""
    return html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")


def page_ranges(pages: list[int]) -> str:
    """[30, 31, 32, 33, 83] -> '30–33, 83'."""
    ordered = sorted(set(pages))
    ranges: list[list[int]] = []
    for page in ordered:
        if ranges and page == ranges[-1][-1] + 1:
            ranges[-1].append(page)
        else:
            ranges.append([page])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in ranges)


def source_comment(source: str) -> str:
    """Generated pages name their source, so nobody edits the wrong thing."""
    return f"<!-- Generated from {source}: edit the record, not this page. -->"


def criterion_link(page: PageContext, criterion) -> str:
    return f"[{criterion.number}. {page.inline(criterion.short_title)}]({page.record_href('criterion', criterion.id)})"


def join_lines(*blocks: str | None) -> str:
    """Markdown blocks separated by blank lines; empty blocks dropped; one trailing newline."""
    return "\n\n".join(b.strip("\n") for b in blocks if b) + "\n"
