"""Names of informants who may not be named: kept outside the repository, searched for everywhere.

The repository is public, so such a name is never written in it (an informant with
`publish_name: false` has no `name`). To make sure it does not slip into a text all the same, the
names live in a file outside the repository that KB_PRIVATE_NAMES points at (one name a line; in CI
a repository secret): every record file, hand-written page, built file and exported file is
searched for them, and a match is an error. Messages name the line of that file, never the name:
CI logs are public too.
"""

from __future__ import annotations

import gzip
import html
import io
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.issues import Issue

ENV = "KB_PRIVATE_NAMES"
SETTING = Path(ENV)  # what an issue about the list itself names as its file
MAX_LIST_BYTES = 1_000_000
MAX_UNZIPPED_BYTES = 50_000_000
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class PrivateNames:
    pattern: re.Pattern[str]  # one group a name, in the list's order
    slugs: re.Pattern[str]  # the same names as a heading's anchor or a file name writes them
    lines: tuple[int, ...]  # the list's line of each group

    def matches(self, text: str) -> Iterator[tuple[int, int]]:
        """(offset, line of the list) of every name in `text`, as written or in a URL slug."""
        for pattern in (self.pattern, self.slugs):
            for match in pattern.finditer(text):
                yield match.start(), self.lines[(match.lastindex or 1) - 1]

    def issues_in(self, rel: Path, text: str) -> list[Issue]:
        """An error at each line of an input file that names one of the people."""
        message, hint = "names the person on line {} of " + ENV + ", who may not be named", "write their role instead"
        return [Issue(rel, (), message.format(number), hint, line=text.count("\n", 0, offset) + 1) for offset, number in sorted(self.matches(text))]

    def found_in_output(self, files: Iterable[tuple[str, bytes]]) -> list[str]:
        """'path (line N of KB_PRIVATE_NAMES)' for each output file that names one of the people,
        however the output spells text: as is, as HTML or JSON escapes, URL-encoded, or gzipped."""
        found = []
        for path, data in files:
            if path.endswith(".gz"):
                with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                    data = unzipped.read(MAX_UNZIPPED_BYTES)
            text = data.decode("utf-8", errors="replace")
            spellings = (text, html.unescape(text), _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text), urllib.parse.unquote(text))
            numbers = sorted({number for spelling in spellings for _, number in self.matches(spelling)})
            found += [f"{path} (line {number} of {ENV})" for number in numbers]
        return found


def words_pattern(names: list[str], separator: str) -> re.Pattern[str]:
    """Whole words only ('Ola' is not found in 'Olav'); a line break may fall between two words."""
    groups = (f"({separator.join(re.escape(word) for word in name.split())})" for name in names)
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


def slug(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    return re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")


def private_names(issues: list[Issue], environ: Mapping[str, str] = os.environ) -> PrivateNames | None:
    """The names in the file KB_PRIVATE_NAMES points at; None when it is not set or lists nobody.
    A file that cannot be read is an issue: a check that silently did not run would be worse."""
    where = environ.get(ENV, "")
    if not where:
        return None
    try:
        with open(where, "rb") as file:
            text = file.read(MAX_LIST_BYTES + 1).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        issues.append(
            Issue(
                SETTING,
                (),
                f"cannot read the list of names that may not be published: {getattr(error, 'strerror', None) or error}",
                "set KB_PRIVATE_NAMES to a UTF-8 file with one name a line, or unset it",
            )
        )
        return None
    listed = [(number, " ".join(line.split())) for number, line in enumerate(text.splitlines(), 1)]
    listed = [(number, name) for number, name in listed if name and not name.startswith("#")]
    if not listed:
        return None
    names = [name for _, name in listed]
    return PrivateNames(words_pattern(names, r"\s+"), words_pattern([slug(n).replace("-", " ") for n in names], "-"), tuple(n for n, _ in listed))


def folder_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(path inside `folder`, bytes) of every file in it, one at a time, in a stable order."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        yield path.relative_to(folder).as_posix(), path.read_bytes()
