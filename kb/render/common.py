"""Pieces every page renderer uses: language fallback, record paths and links, page lists."""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from dataclasses import dataclass

import yaml

from kb.kinds import record_kind
from kb.labels import LANGS, LANGUAGES, Lang, label
from kb.link import Catalog
from kb.markdown import RecordLink, rewrite_record_links
from kb.model import LongText, Text
from kb.site_links import relative_href, relative_path


def record_path(kind: str, record_id: str) -> str:
    declared = record_kind(kind)
    if declared.single_page:
        return f"{declared.page_folder}/index.md"
    return f"{declared.page_folder}/{record_id}.md"


def record_anchor(kind: str, record_id: str, anchor: str | None) -> str | None:
    """On a kind's single page (the glossary) each record is an anchor."""
    return record_id if record_kind(kind).single_page else anchor


def directory_url(path: str) -> str:
    """'cases/bergen.md' -> 'cases/bergen', 'criteria/index.md' -> 'criteria', 'index.md' -> ''."""
    stem = path[: -len(".md")]
    return stem[: -len("index")].rstrip("/") if stem == "index" or stem.endswith("/index") else stem


def absolute_directory(path: str) -> str:
    """'cases/bergen.md' -> '/cases/bergen/', 'index.md' -> '/': where MkDocs writes the page."""
    folder = directory_url(path)
    return "/" + (folder + "/" if folder else "")


def criterion_code(number: int) -> str:
    """The stable short id readers can quote and type: K1 … K9, the same in both languages."""
    return f"K{number}"


def index_path(kind: str) -> str:
    return f"{record_kind(kind).page_folder}/index.md"


@dataclass(frozen=True)
class PageContext:
    """What a renderer needs to know about the page it writes: its language and its place."""

    lang: Lang
    path: str  # e.g. "cases/bergen.md"
    catalog: Catalog
    site_url: str | None = None  # this language's published address, for citations
    updated: datetime.date | None = None  # the build's date (the commit's), for "last updated"

    @property
    def url(self) -> str | None:
        """This page's absolute address (directory URLs, as MkDocs writes them)."""
        if not self.site_url:
            return None
        folder = self.path[: -len("index.md")] if self.path.endswith("index.md") else self.path[: -len(".md")] + "/"
        return self.site_url.rstrip("/") + "/" + folder

    def href(self, target: str, anchor: str | None = None) -> str:
        """Relative link from this page to another page's Markdown source (MkDocs checks it)."""
        return page_href(self.path, target, anchor)

    def html_href(self, target: str, anchor: str | None = None) -> str:
        """Relative URL for raw HTML, which MkDocs does not rewrite: page directories, not .md files."""
        relative = relative_href(absolute_directory(self.path), absolute_directory(target))
        return relative + (f"#{anchor}" if anchor else "")

    def record_href(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        return page_href(self.path, record_path(kind, record_id), record_anchor(kind, record_id, anchor))

    def inline(self, text: Text) -> str:
        """A short text in the page's language; where it is missing, its fallback's, marked as such."""
        shown = language_shown(text, self.lang)
        literal = markdown_literal(text_in(text, self.lang))
        return literal if shown == self.lang else f'<span lang="{shown}">{literal}</span>'

    def block(self, text: LongText) -> str:
        """A Markdown text with its record links resolved; a fallback language's text is marked `lang`."""
        shown = language_shown(text, self.lang)
        body = resolve_links(text_in(text, self.lang), self)
        return body if shown == self.lang else f'<div lang="{shown}" markdown="1">\n\n{body}\n\n</div>'

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def page_ref(self, pages: list[int] | int) -> str:
        """'s. 30–33' / 'pp. 30–33' / 'p. 25': English says pp. for more than one page."""
        pages = [pages] if isinstance(pages, int) else pages
        key = "page" if len(set(pages)) == 1 else "pages"
        return f"{self.label(key)} {page_ranges(pages)}"

    def source_note(self, note: Text | None, *, own_title: bool = False) -> str | None:
        """The note for readers about the source, in one quiet style everywhere (kb.css), with
        its label; the about page explains the conventions once. None when there is nothing to say."""
        said = ([self.label("own_title")] if own_title else []) + ([self.inline(note)] if note else [])
        if not said:
            return None
        return f'<p class="kb-source-note" markdown="1"><span class="kb-source-note__label">{self.label("source_note")}:</span> {" ".join(said)}</p>'

    def pages(self, pages: list[int]) -> str:
        """The closing source line of a page."""
        return f"{self.label('source_report')} {self.page_ref(pages)}."


def resolve_links(markdown: str, page: PageContext) -> str:
    return resolve_links_from(page.path, markdown)


def resolve_links_from(path: str, markdown: str) -> str:
    """Record links in Markdown -> relative links to the records' pages, from the page at `path`."""

    def target(link: RecordLink) -> str:
        return page_href(path, record_path(link.kind, link.id), record_anchor(link.kind, link.id, link.anchor))

    return rewrite_record_links(markdown, target)


def page_href(path: str, target: str, anchor: str | None = None) -> str:
    """Relative link from the page whose Markdown source is `path` to the page `target`."""
    return relative_path(target, posixpath.dirname(path)) + (f"#{anchor}" if anchor else "")


# Characters that are Markdown wherever they stand (emphasis, code, links, attribute lists, the
# closing hashes of a heading); `<`, `>` and `&` become entities instead. The rest of
# Python-Markdown's escapable characters are left alone where they are harmless, so ordinary text
# with a full stop, a hyphen or brackets stays as written: `( ) !` make a link or an image only
# together with `[ ]`, and `- + .` make a list item only at the start of a line (escaped at the
# start of the text, which may be the start of a line or of a list item's content).
_MARKDOWN_ALWAYS = re.compile(r"([\\`*_{}\[\]#])")
_MARKDOWN_LINE_START = re.compile(r"^([-+])|^(\d+)\.(?=[ \t])")


def markdown_literal(text: str) -> str:
    """Plain text into Markdown so that it reads exactly as written: no HTML, links, images,
    emphasis, code, attribute lists or new blocks, wherever on a line it is put."""
    # A line break would let the text start a block of its own (a heading, a list, a definition).
    # (Split, not a pattern around the break: blanks before a break made that one quadratic.)
    text = " ".join(line for line in (part.strip(" \t") for part in text.splitlines()) if line)
    text = _MARKDOWN_ALWAYS.sub(r"\\\1", html.escape(text, quote=False))
    # `[…\]: x` is still a link definition: Python-Markdown reads those before it reads escapes.
    text = text.replace("\\]:", "\\]&#58;")
    return _MARKDOWN_LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\.", text)


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
    return f"[{criterion_code(criterion.number)} {page.inline(criterion.short_title)}]({page.record_href('criterion', criterion.id)})"


def finding_heading(page: PageContext, finding) -> str:
    """'5.1.1 Ownership in top management': the section number as the report prints it, then the title."""
    return f"{markdown_literal(finding.section)} {page.inline(finding.title)}"


def finding_link(page: PageContext, finding) -> str:
    return f"[{finding_heading(page, finding)}]({page.record_href('finding', finding.id)})"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter when present: same text, faster


def front_matter(description: str) -> str:
    """YAML front matter: the page's meta description."""
    # Material writes the description into an attribute without escaping it: escape it here.
    meta = {"description": html.escape(description, quote=True)}
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---"


def plain_excerpt(markdown: str, limit: int = 160) -> str:
    """The first sentences of a Markdown text as plain text, for a meta description."""
    text = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", markdown)  # links -> their text (linear: no class holds its opener)
    text = re.sub(r"[*_`#>]+", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if sentence_end > limit // 2:
        return cut[: sentence_end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:–-") + " …"


def language_shown(text: Text | LongText, lang: Lang) -> Lang:
    """The language whose text a page in `lang` shows: its own, or the first of its fallbacks
    (languages/<code>.yml) that has one; the source language has every text."""
    shown: Lang | None = lang
    while shown is not None:
        if getattr(text, shown, None) is not None:
            return shown
        shown = LANGUAGES[shown].language.fallback
    return LANGS[0]


def text_in(text: Text | LongText, lang: Lang) -> str:
    """The text in `lang`, or in the language it falls back to (plain, unmarked)."""
    return getattr(text, language_shown(text, lang))


def join_lines(*blocks: str | None) -> str:
    """Markdown blocks separated by blank lines; empty blocks dropped; one trailing newline."""
    return "\n\n".join(b.strip("\n") for b in blocks if b) + "\n"


def repeated(*blocks: str | None) -> str | None:
    """Blocks that show what lives on other pages (excerpts, quotes, lists of records): shown here,
    left out of the search index (data-search-exclude, read by kb/search_index.py). A search then
    finds each text on the page it lives on, and an overview stays small in the index however
    many cases there are (at 1,000 cases, a criterion page's excerpts were 200 kB per result)."""
    body = join_lines(*blocks).strip()
    return f'<div class="kb-repeated" data-search-exclude markdown="1">\n\n{body}\n\n</div>' if body else None


def key_terms(terms: list, page: PageContext) -> str | None:
    """The glossary terms of a page, each with its translation: readers see the key words in both
    languages, and search finds the page by either (the index holds the visible text)."""
    if not terms:
        return None
    others = [lang for lang in LANGS if lang != page.lang]
    items = [
        f"[{markdown_literal(text_in(t.term, page.lang))}]({page.record_href('term', t.id)})"
        + " ("
        + ", ".join(f'<span lang="{other}">{markdown_literal(text_in(t.term, other))}</span>' for other in others)
        + ")"
        for t in terms
    ]
    return f"**{page.label('key_terms')}:** " + ", ".join(items)
