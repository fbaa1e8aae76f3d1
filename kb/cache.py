"""A cache of record facts for `validate`, so a repeated run reads again only the files that changed.

One JSON file per content folder, kept in the user's cache folder, outside the repository: a
pull request cannot plant entries in it, and it is never committed or published. An entry is
used only for the same file path with the same SHA-256 of its bytes, and the whole cache only for
the same code version (this package's source and the versions of Python, PyYAML and pydantic).
Anything else, a cache file that cannot be read or has an unexpected shape, means reading the
record again: the cache makes validation faster, never different.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pydantic
import yaml

from kb.facts import RecordFacts, facts_from_json, facts_to_json
from kb.kinds import signature

# A folder for the cache, or "off" to read every file every time.
CACHE_ENV = "KB_CACHE"
# A content folder not validated for this long (a deleted checkout, a test's temporary copy)
# loses its cache file the next time any other one is saved.
MAX_AGE_SECONDS = 30 * 24 * 3600


def cache_folder() -> Path | None:
    setting = os.environ.get(CACHE_ENV, "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ks-kunnskapsbase"


@functools.cache
def code_version() -> str:
    """Changes whenever anything that decides a record's facts may have changed."""
    digest = hashlib.sha256(f"{sys.version}|{yaml.__version__}|{pydantic.VERSION}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def cache_version() -> str:
    """The code version and the kinds registered now: a kind registered from outside this package
    (a test's) has a model its source does not show."""
    return hashlib.sha256(f"{code_version()}|{signature()}".encode()).hexdigest()


class FactsCache:
    def __init__(self, path: Path):
        self.path = path
        self.read: dict[str, Any] = {}  # file -> [sha256, facts as JSON], as found on disk
        self.current: dict[str, Any] = {}  # the entries of this run's files: all that is written back
        self.changed = False
        try:
            stored = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("version") == cache_version() and isinstance(stored.get("files"), dict):
            self.read = stored["files"]

    @classmethod
    def for_root(cls, root: Path) -> FactsCache | None:
        """The cache of the content under `root`, or None when caching is turned off."""
        folder = cache_folder()
        if folder is None:
            return None
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        return cls(folder / f"validate-{name}.json")

    def get(self, kind: str, rel: Path, digest: str) -> RecordFacts | None:
        key = rel.as_posix()
        entry = self.read.get(key)
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == digest and isinstance(entry[1], dict)):
            return None
        try:
            facts = facts_from_json(rel, entry[1])
        except (KeyError, TypeError, ValueError):
            return None
        if facts.kind != kind:
            return None
        self.current[key] = entry
        return facts

    def put(self, rel: Path, digest: str, facts: RecordFacts) -> None:
        self.current[rel.as_posix()] = [digest, facts_to_json(facts)]
        self.changed = True

    def save(self) -> None:
        """Write this run's entries when they differ from what was read; failing to write is no error."""
        if not self.changed and self.current.keys() == self.read.keys():
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"version": cache_version(), "files": self.current}, separators=(",", ":")), "utf-8")
            os.replace(temporary, self.path)  # readers see the old file or the new one, never half
            remove_stale(self.path.parent)
        except OSError:
            with contextlib.suppress(OSError):  # e.g. the "folder" is a file: there is nothing to clean up
                temporary.unlink(missing_ok=True)


def remove_stale(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in folder.glob("validate-*.json"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
