"""The open data described and bundled: a Frictionless Data Package (datapackage.json) and one zip.

Data Package: https://specs.frictionlessdata.io/data-package/ (v1). Every file is a resource with
its path, format, media type and encoding; a CSV file is a tabular resource whose schema lists its
columns with their types, read from the file itself so the description cannot drift from it.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile

DATAPACKAGE = "datapackage.json"
ARCHIVE = "lederutfordringer-data.zip"
ARCHIVE_FOLDER = "lederutfordringer-data"
PACKAGE_NAME = "lederutfordringer-kunnskapsbase"
PACKAGE_TITLE = "Lederutfordringer i digitale omstillingsprosesser – kunnskapsbase / Leadership challenges in digital transformation processes – knowledge base"
_MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}


def datapackage(files: dict[str, str], updated: datetime.date | None) -> str:
    """datapackage.json for `files` ({path: text}), in their order."""
    from kb.export import LICENCE, SOURCE  # kb.export builds the files this describes

    package: dict = {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "sources": [{"title": SOURCE}],
        "licenses": [{"name": "NLOD-2.0", "path": "https://data.norge.no/nlod/en/2.0", "title": LICENCE}],
        **({"created": f"{updated.isoformat()}T00:00:00Z"} if updated else {}),
        "resources": [resource(path, text) for path, text in files.items()],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


def resource(path: str, text: str) -> dict:
    extension = path.rsplit(".", 1)[-1]
    described: dict = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", path.lower()),
        "path": path,
        "profile": "tabular-data-resource" if extension == "csv" else "data-resource",
        "format": extension,
        "mediatype": _MEDIA_TYPES[extension],
        # Written with a byte order mark for spreadsheets; `utf-8-sig` is how Python names that.
        "encoding": "utf-8-sig" if text.startswith("\ufeff") else "utf-8",
        "bytes": len(text.encode("utf-8")),
    }
    if extension == "csv":
        described["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True}
        described["schema"] = {"fields": csv_fields(text)}
    return described


def csv_fields(text: str) -> list[dict[str, str]]:
    """Each column with the Table Schema type its values have: integer, number, boolean or string."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    header, values = (rows[0], rows[1:]) if rows else ([], [])
    return [{"name": name, "type": column_type([row[i] for row in values if i < len(row)])} for i, name in enumerate(header)]


def column_type(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    if present and all(re.fullmatch(r"-?[0-9]+", v) for v in present):
        return "integer"
    if present and all(re.fullmatch(r"-?[0-9]+\.[0-9]+", v) or re.fullmatch(r"-?[0-9]+", v) for v in present):
        return "number"
    if present and all(v in ("True", "False") for v in present):
        return "boolean"
    return "string"


def zipped(files: dict[str, str], updated: datetime.date | None) -> bytes:
    """The files in one zip, in one folder: sorted, every entry with the build's date and the same
    permissions, so two builds of one commit give the same bytes."""
    stamp = (updated.year, updated.month, updated.day, 0, 0, 0) if updated and updated.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path in sorted(files):
            entry = zipfile.ZipInfo(f"{ARCHIVE_FOLDER}/{path}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3  # Unix, whatever system builds it
            archive.writestr(entry, files[path].encode("utf-8"), compresslevel=9)
    return out.getvalue()
