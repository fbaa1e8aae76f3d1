"""The knowledge base as open data: JSON and CSV, one file per record type, both languages.

Pure functions from the catalog to {file name: text}; the site publishes them under data/ and
`python -m kb export` writes them to a folder. Names of informants who are not to be named are
never exported: informants have their own files, and there the name is left empty.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from kb.kinds import record_kinds
from kb.labels import LANGS
from kb.link import Catalog
from kb.model import Case, LongText, TermVariants, Text
from kb.private_names import private_names
from kb.schema import schema_documents
from kb.site_links import language_site_url

if TYPE_CHECKING:
    from kb.pipeline import Content

SOURCE = "PwC for KS (2018): Lederutfordringer i digitale omstillingsprosesser. KS FoU-prosjekt 174031."
LICENCE = "NLOD 2.0 (proposed; to be confirmed by KS)"


def export_files(catalog: Catalog) -> dict[str, str]:
    """{path under data/: text} for every export, in a fixed order so builds are identical.

    Both languages publish the same files and the data page lists them: the files are kept with
    the catalog, so a build serialises the knowledge base once per process, not at every use."""
    if "export_files" not in catalog.derived:
        catalog.derived["export_files"] = _export_files(catalog)
    return catalog.derived["export_files"]


def _export_files(catalog: Catalog) -> dict[str, str]:
    cases = catalog.ordered_cases()
    files: dict[str, str] = {}

    for kind in record_kinds():
        records = catalog.ordered(kind.name)
        files[f"{kind.export_name}.json"] = to_json([r.model_dump(mode="json", exclude=set(kind.export_exclude)) for r in records])
        files[f"{kind.export_name}.csv"] = to_csv(flat(r) for r in records)
    # In JSON, cases keep their observations, quotes, figures and programmes nested; CSV has a
    # file for each. Informants are exported on their own (their kind leaves them out of the cases'
    # JSON), so an unpublished name cannot travel with its case.
    files["observations.csv"] = to_csv(flat(o, case=c.id) for c in cases for o in c.observations)
    files["quotes.csv"] = to_csv(flat(q, case=c.id) for c in cases for q in c.quotes)
    files["key-figures.csv"] = to_csv(flat(k, case=c.id) for c in cases for k in c.key_figures)
    files["programmes.csv"] = to_csv(flat(p, case=c.id) for c in cases for p in c.programmes)
    informants = public_informants(cases)
    files["informants.json"] = to_json(informants)
    files["informants.csv"] = to_csv(
        {
            "case": i["case"],
            "id": i["id"],
            "name": i["name"] or "",
            **{f"role_{lang}": i["role"].get(lang) or "" for lang in LANGS},
            "publish_name": i["publish_name"],
        }
        for i in informants
    )
    for name, text in schema_documents({kind: list(records) for kind, records in catalog.records.items()}).items():
        files[f"schemas/{name}"] = text
    return files


def public_informants(cases: list[Case]) -> list[dict[str, Any]]:
    """Informants as published: the name only where `publish_name` is true."""
    return [
        {"case": case.id, "id": i.id, "name": i.name if i.publish_name else None, "role": i.role.model_dump(mode="json"), "publish_name": i.publish_name}
        for case in cases
        for i in case.informants
    ]


def flat(record: BaseModel, **first: Any) -> dict[str, Any]:
    """One CSV row: texts become a column per language (`field_nb`, `field_en` …), lists are joined with '; ', and nested
    lists of records are left out (they have files of their own). Columns follow the model, not the
    values, so every row of a file has the same columns."""
    row: dict[str, Any] = dict(first)
    for name, kind, item in field_types(type(record)):
        value = getattr(record, name)
        if item is Text:
            for lang in LANGS:
                row[f"{name}_{lang}"] = "; ".join(getattr(v, lang) or "" for v in value)
        elif isinstance(item, type) and issubclass(item, BaseModel):
            continue
        elif kind in (Text, LongText, TermVariants):
            for lang in LANGS:
                text = getattr(value, lang, None) if value is not None else None
                row[f"{name}_{lang}"] = "; ".join(text) if isinstance(text, list) else (text or "")
        elif isinstance(value, list):
            row[name] = "; ".join(str(v) for v in value)
        else:
            row[name] = "" if value is None else value
    return row


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
    rows = [{name: spreadsheet_text(v) if isinstance(v, str) else v for name, v in row.items()} for row in rows]
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection"):
# `=HYPERLINK(…)` in a record would become a live link, or worse, on a reader's computer.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: a leading `'` where it would otherwise be a formula.

    Every text cell is checked (ids, names, joined lists too); numbers and booleans are written as
    they are, since a number is never a formula and `-3` must stay a number."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_pages(content: Content, folder: Path, site_url: str | None, *, with_files: bool) -> dict[Path, str]:
    """{path under `folder`: text} of the open data (data/) and every page as Markdown (markdown/<lang>/)."""
    from kb.render import render_files, render_site
    from kb.render.blocks import render_hand_page
    from kb.render.common import PageContext

    written: dict[Path, str] = {folder / "data" / name: text for name, text in export_files(content.catalog).items()}
    for lang in LANGS:
        lang_url = site_url and language_site_url(site_url, lang)
        pages = render_site(content.catalog, lang, lang_url)
        for page in (p for p in content.pages if p.lang == lang):
            pages[page.path] = render_hand_page(page.text, PageContext(lang, page.path, content.catalog, lang_url))
        written.update({folder / "markdown" / lang / path: text for path, text in pages.items()})
        if with_files:
            written.update({folder / "markdown" / lang / path: text for path, text in render_files(content.catalog, lang).items()})
    return written


def unpublished_names_in(written: dict[Path, str]) -> list[str]:
    """The files of an export that would name a person on the private list (KB_PRIVATE_NAMES)."""
    names = private_names([])  # a list that cannot be read: load_content has reported it already
    return names.found_in_output((str(path), text.encode()) for path, text in sorted(written.items())) if names else []
