"""`stats`: records, texts and words per kind and language, as a Markdown table.

The table is data for whoever reads it next (a report, a pull request), so its headings stay in
English whatever the editor's language, as the kinds' names and the language codes in it do."""

from __future__ import annotations

from collections.abc import Iterator

from kb.kinds import kind_names
from kb.labels import LANGS, LANGUAGES
from kb.load import Sources
from kb.translation import text_pairs


def stats_table(sources: Sources) -> Iterator[str]:
    """The table's lines: a row per kind, then one per language's hand-written pages."""
    source, translations = LANGS[0], LANGS[1:]
    header = ["kind", "records", "texts", *(f"with {LANGUAGES[lang].language.english_name}" for lang in translations), *(f"words ({lang})" for lang in LANGS)]
    yield table_row(header)
    yield "|---|" + "---:|" * (len(header) - 1)
    for kind in kind_names():
        records = [r for r in sources.records if r.kind == kind]
        pairs = [pair for r in records for _, pair in text_pairs(r.data, ())]
        translated = [sum(1 for p in pairs if isinstance(p.get(lang), str) and p[lang].strip()) for lang in translations]
        words = [sum(len(str(p.get(lang) or "").split()) for p in pairs) for lang in LANGS]
        yield table_row([kind, str(len(records)), str(len(pairs)), *map(str, translated), *(f"{w:,}" for w in words)])
    for lang in LANGS:
        pages = [p for p in sources.pages if p.lang == lang]
        cells = ["" for _ in [source, *translations]] + [""] * len(translations)
        cells[len(translations) + LANGS.index(lang)] = f"{sum(len(p.text.split()) for p in pages):,}"
        yield table_row([f"pages ({lang})", str(len(pages)), "", *cells])


def table_row(cells: list[str]) -> str:
    """A Markdown table row; an empty cell is one blank wide."""
    return "|" + "".join(f" {cell} |" if cell else " |" for cell in cells)
