"""The knowledge base as open data: JSON and CSV, one file per record type, both languages, a
Frictionless datapackage.json describing them and a zip of everything (kb/datapackage.py).

Pure functions from the catalog to {file name: text}; the site publishes them under data/ and
`python -m kb export` writes them to a folder. Names of informants who are not to be named are
never exported: informants have their own files, and there the name is left empty.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kb.datapackage import DATAPACKAGE, datapackage, zipped
from kb.kinds import record_kinds
from kb.labels import LANGS
from kb.link import Catalog
from kb.model import Case, Criterion, LongText, TermSearchWords, TermVariants, Text
from kb.plain_text import plain_text
from kb.private_names import private_names
from kb.schema import schema_documents
from kb.site_links import LANG_PREFIX, language_site_url

if TYPE_CHECKING:
    from kb.pipeline import Content

SOURCE = "PwC for KS (2018): Lederutfordringer i digitale omstillingsprosesser. KS FoU-prosjekt 174031."
LICENCE = "NLOD 2.0 (proposed; to be confirmed by KS)"


def export_files(catalog: Catalog, site_url: str | None = None, updated: datetime.date | None = None) -> dict[str, str]:
    """{path under data/: text} for every export, in a fixed order so builds are identical, with
    datapackage.json last. `site_url`: the root's address, for the page column (relative without
    it); `updated`: the build's date (datapackage.json's `created`).

    Both languages publish the same files and the data page lists them: the files are kept with
    the catalog, so a build serialises the knowledge base once per process, not at every use."""
    key = f"export_files {site_url} {updated}"
    if key not in catalog.derived:
        files = _export_files(catalog, site_url)
        files[DATAPACKAGE] = datapackage(files, updated)
        catalog.derived[key] = files
    return catalog.derived[key]


def export_archive(catalog: Catalog, site_url: str | None = None, updated: datetime.date | None = None) -> bytes:
    """Every export in one zip (ARCHIVE), byte-identical for one commit."""
    key = f"export_archive {site_url} {updated}"
    if key not in catalog.derived:
        catalog.derived[key] = zipped(export_files(catalog, site_url, updated), updated)
    return catalog.derived[key]


def _export_files(catalog: Catalog, site_url: str | None) -> dict[str, str]:
    from kb.render.common import criterion_code  # kb.render imports this module

    cases = catalog.ordered_cases()
    codes = {c.id: criterion_code(c.number) for c in catalog.criteria.values()}
    url = page_urls(site_url)
    files: dict[str, str] = {}

    for kind in record_kinds():
        records = catalog.ordered(kind.name)
        files[f"{kind.export_name}.json"] = to_json([r.model_dump(mode="json", exclude=set(kind.export_exclude)) for r in records])
        files[f"{kind.export_name}.csv"] = to_csv(flat(r, codes, **url(kind.name, r.id)) for r in records)
    # In JSON, cases keep their observations, quotes, figures and programmes nested; CSV has a
    # file for each. Informants are exported on their own (their kind leaves them out of the cases'
    # JSON), so an unpublished name cannot travel with its case.
    files["observations.csv"] = to_csv(flat(o, codes, case=c.id, **url("case", c.id, o.id)) for c in cases for o in c.observations)
    files["quotes.csv"] = to_csv(flat(q, codes, case=c.id, **url("case", c.id, q.id)) for c in cases for q in c.quotes)
    files["key-figures.csv"] = to_csv(flat(k, codes, case=c.id, **url("case", c.id)) for c in cases for k in c.key_figures)
    files["programmes.csv"] = to_csv(flat(p, codes, case=c.id, **url("case", c.id)) for c in cases for p in c.programmes)
    informants = public_informants(cases)
    files["informants.json"] = to_json(informants)
    files["informants.csv"] = to_csv(
        {
            "case": i["case"],
            "id": i["id"],
            "name": i["name"] or "",
            **{f"role_{lang}": i["role"].get(lang) or "" for lang in LANGS},
            "publish_name": i["publish_name"],
            **url("case", i["case"]),
        }
        for i in informants
    )
    for name, text in schema_documents({kind: list(records) for kind, records in catalog.records.items()}).items():
        files[f"schemas/{name}"] = text
    return files


def page_urls(site_url: str | None) -> Callable[..., dict[str, str]]:
    """A function giving the page columns of a record's row: `page_url_nb`, `page_url_en` …, its
    page in each language: absolute under `site_url`, else relative to the site's root."""
    from kb.render.common import directory_url, record_anchor, record_path

    def url(kind: str, record_id: str, anchor: str | None = None) -> dict[str, str]:
        folder = directory_url(record_path(kind, record_id))
        fragment = record_anchor(kind, record_id, anchor)
        path = (folder + "/" if folder else "") + (f"#{fragment}" if fragment else "")
        return {f"page_url_{lang}": (language_site_url(site_url, lang) if site_url else LANG_PREFIX[lang]) + path for lang in LANGS}

    return url


def public_informants(cases: list[Case]) -> list[dict[str, Any]]:
    """Informants as published: the name only where `publish_name` is true."""
    return [
        {"case": case.id, "id": i.id, "name": i.name if i.publish_name else None, "role": i.role.model_dump(mode="json"), "publish_name": i.publish_name}
        for case in cases
        for i in case.informants
    ]


def flat(record: BaseModel, codes: dict[str, str], **first: Any) -> dict[str, Any]:
    """One CSV row: texts become a column per language (`field_nb`, `field_en` …) in plain text
    (Markdown is kept in JSON), lists are joined with '; ', criteria get their K-codes beside their
    ids (`criteria_codes`; a criterion its `code`), and nested lists of records are left out (they
    have files of their own). Columns follow the model, not the values, so every row of a file has
    the same columns. `first`: the columns before the record's own (case), then after them (pages)."""
    pages = {name: value for name, value in first.items() if name.startswith("page_url_")}
    row: dict[str, Any] = {name: value for name, value in first.items() if name not in pages}
    if isinstance(record, Criterion):
        row["code"] = codes[record.id]
    for name, kind, item in field_types(type(record)):
        value = getattr(record, name)
        if item is Text:
            for lang in LANGS:
                row[f"{name}_{lang}"] = "; ".join(getattr(v, lang) or "" for v in value)
        elif isinstance(item, type) and issubclass(item, BaseModel):
            continue
        elif kind in (Text, LongText, TermVariants, TermSearchWords):
            for lang in LANGS:
                text = getattr(value, lang, None) if value is not None else None
                text = "; ".join(text) if isinstance(text, list) else (text or "")
                row[f"{name}_{lang}"] = plain_text(text) if kind is LongText else text
        elif isinstance(value, list):
            row[name] = "; ".join(str(v) for v in value)
            if name == "criteria":
                row["criteria_codes"] = "; ".join(codes.get(str(v), "") for v in value)
        else:
            row[name] = "" if value is None else value
    return row | pages


@functools.cache
def field_types(model: type[BaseModel]) -> list[tuple[str, Any, Any]]:
    """(name, type, item type of a list or None) of each field: read once per model, not per row.
    Fields the model excludes from every dump (editors' working notes) are not columns either."""
    types_ = []
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        kind = bare_type(info.annotation)
        types_.append((name, kind, bare_type(typing.get_args(kind)[0]) if typing.get_origin(kind) is list else None))
    return types_


def bare_type(annotation: Any) -> Any:
    """The type without Annotated[…] and without `| None`."""
    while True:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and type(None) in args:
            annotation = next(a for a in args if a is not type(None))
        else:
            return annotation


def to_json(records: list[dict[str, Any]]) -> str:
    """The source, the licence and one record per line: readable, easy to compare line by line,
    and written by json's C encoder (`indent` would switch to its pure-Python one, 5 times slower)."""

    def text(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    listed = "[\n" + ",\n".join(text(r) for r in records) + "\n]" if records else "[]"
    return f'{{"source": {text(SOURCE)}, "licence": {text(LICENCE)}, "records": {listed}}}\n'


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    """CSV that spreadsheets open as UTF-8: with a byte order mark (Excel reads a file without one in
    the system's legacy code page, and "både" becomes "bÃ¥de"); Python reads it with `utf-8-sig`."""
    rows = [{name: spreadsheet_text(v) if isinstance(v, str) else v for name, v in row.items()} for row in rows]
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return "\ufeff" + out.getvalue() if rows else ""


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection"):
# `=HYPERLINK(…)` in a record would become a live link, or worse, on a reader's computer.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading `'` where it would otherwise be a formula.

    Every text cell is checked (ids, names, joined lists too); numbers and booleans are written as
    they are, since a number is never a formula and `-3` must stay a number."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_pages(content: Content, folder: Path, site_url: str | None, *, with_files: bool, updated: datetime.date | None = None) -> dict[Path, str | bytes]:
    """{path under `folder`: text} of the open data (data/, with its zip) and every page as Markdown
    (markdown/<lang>/). `updated`: the build's date (kb/build_date.py)."""
    from kb.datapackage import ARCHIVE
    from kb.render import render_files, render_site
    from kb.render.blocks import render_hand_page
    from kb.render.common import PageContext

    data = export_files(content.catalog, site_url, updated)
    written: dict[Path, str | bytes] = {folder / "data" / name: text for name, text in data.items()}
    written[folder / "data" / ARCHIVE] = export_archive(content.catalog, site_url, updated)
    for lang in LANGS:
        lang_url = site_url and language_site_url(site_url, lang)
        pages = render_site(content.catalog, lang, lang_url, updated)
        for page in (p for p in content.pages if p.lang == lang):
            pages[page.path] = render_hand_page(page.text, PageContext(lang, page.path, content.catalog, lang_url, updated))
        written.update({folder / "markdown" / lang / path: text for path, text in pages.items()})
        if with_files:
            written.update({folder / "markdown" / lang / path: text for path, text in render_files(content.catalog, lang).items()})
    return written


def unpublished_names_in(written: dict[Path, str | bytes]) -> list[str]:
    """The files of an export that would name a person on the private list (KB_PRIVATE_NAMES)."""
    names = private_names([])  # a list that cannot be read: load_content has reported it already
    return names.found_in_output((str(path), text if isinstance(text, bytes) else text.encode()) for path, text in sorted(written.items())) if names else []
