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
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.ids import heading_id
from kb.issues import Issue
from kb.messages import msg

ENV = "KB_PRIVATE_NAMES"  # a file with the names, one a line (an editor's own list, outside the repository)
LIST_ENV = "KB_PRIVATE_NAMES_LIST"  # the names themselves, one a line (CI passes a repository secret here)
SETTING = Path(ENV)  # what an issue about the list itself names as its file
MAX_LIST_BYTES = 1_000_000
MAX_UNZIPPED_BYTES = 50_000_000
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True)
class PrivateNames:
    pattern: re.Pattern[str]  # one group a name, in the list's order
    slugs: re.Pattern[str]  # the same names as a heading's anchor or a file name writes them
    lines: tuple[tuple[int, str], ...]  # (line, setting it is a line of) of each group

    def matches(self, text: str) -> Iterator[tuple[int, tuple[int, str]]]:
        """(offset, (line, setting)) of every name in `text`, as written or in a URL slug."""
        for pattern in (self.pattern, self.slugs):
            for match in pattern.finditer(text):
                yield match.start(), self.lines[(match.lastindex or 1) - 1]

    def issues_in(self, rel: Path, text: str) -> list[Issue]:
        """An error at each line of an input file that names one of the people."""
        return [
            Issue(
                rel,
                (),
                msg("names the person on line {line} of {setting}, who may not be named", line=number, setting=setting),
                msg("write their role instead"),
                line=text.count("\n", 0, offset) + 1,
            )
            for offset, (number, setting) in sorted(self.matches(text))
        ]

    def found_in_output(self, files: Iterable[tuple[str, bytes]]) -> list[str]:
        """'path (line N of KB_PRIVATE_NAMES)' for each output file that names one of the people,
        however the output spells text: as is, as HTML or JSON escapes, URL-encoded, or gzipped."""
        found: list[str] = []  # each a Msg
        for path, data in files:
            if path.endswith(".gz"):
                with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
                    data = unzipped.read(MAX_UNZIPPED_BYTES)
            elif path.endswith(".zip"):  # the open data in one file: every member is searched
                data = zip_members(data)
            text = data.decode("utf-8", errors="replace")
            spellings = (text, html.unescape(text), _JSON_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text), urllib.parse.unquote(text))
            numbers = sorted({number for spelling in spellings for _, number in self.matches(spelling)})
            found += [msg("{path} (line {line} of {setting})", path=path, line=number, setting=setting) for number, setting in numbers]
        return found


def zip_members(data: bytes) -> bytes:
    """The members of a zip, one after the other (at most MAX_UNZIPPED_BYTES of each)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"\n".join(archive.open(name).read(MAX_UNZIPPED_BYTES) for name in archive.namelist())


def words_pattern(names: list[str], separator: str) -> re.Pattern[str]:
    """Whole words only ('Ola' is not found in 'Olav'); a line break may fall between two words."""
    groups = (f"({separator.join(re.escape(word) for word in name.split())})" for name in names)
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.IGNORECASE)


def private_names(issues: list[Issue], environ: Mapping[str, str] = os.environ) -> PrivateNames | None:
    """The names KB_PRIVATE_NAMES_LIST holds and those in the file KB_PRIVATE_NAMES points at; None
    when neither lists anybody. A file that cannot be read is an issue: a check that silently did
    not run would be worse."""
    listed = [(number, LIST_ENV, line) for number, line in enumerate(environ.get(LIST_ENV, "").splitlines(), 1)]
    if where := environ.get(ENV, ""):
        try:
            with open(where, "rb") as file:
                text = file.read(MAX_LIST_BYTES + 1).decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            issues.append(
                Issue(
                    SETTING,
                    (),
                    msg("cannot read the list of names that may not be published: {reason}", reason=reason),
                    msg("set KB_PRIVATE_NAMES to a UTF-8 file with one name a line, or unset it"),
                )
            )
            return None
        listed += [(number, ENV, line) for number, line in enumerate(text.splitlines(), 1)]
    names = [((number, setting), " ".join(line.split())) for number, setting, line in listed]
    names = [(where, name) for where, name in names if name and not name.startswith("#")]
    if not names:
        return None
    words = [name for _, name in names]
    return PrivateNames(words_pattern(words, r"\s+"), words_pattern([heading_id(n).replace("-", " ") for n in words], "-"), tuple(w for w, _ in names))


def folder_files(folder: Path) -> Iterator[tuple[str, bytes]]:
    """(path inside `folder`, bytes) of every file in it, one at a time, in a stable order."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        yield path.relative_to(folder).as_posix(), path.read_bytes()
