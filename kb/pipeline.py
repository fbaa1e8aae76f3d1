"""The whole content pipeline as one call: records on disk -> checked facts -> linked catalog.

`check_content` is what `validate` needs (every issue), `load_content` what a build needs (every
issue and the catalog). Both read each record file with `check_record_file` and run the same
checks across records on its facts, so they report exactly the same issues.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from kb.cache import FactsCache
from kb.crosscheck import crosscheck
from kb.facts import RecordFacts
from kb.gc_paused import collector_paused
from kb.issues import Issue, format_issue, has_errors, sort_issues
from kb.kinds import kind_names, known_to_new_processes, record_kind
from kb.link import Catalog, build_catalog
from kb.load import HandPage, Sources, find_sources, load_record, read_record_bytes
from kb.messages import editor_language, msg, translate
from kb.model import KindRecord
from kb.private_names import PrivateNames, private_names
from kb.terminology import TERM_KIND, Termbase, termbase_from
from kb.validate import check_hand_pages, check_record_file


@dataclass(frozen=True)
class Checked:
    issues: list[Issue]  # sorted, errors and warnings
    shown: dict[str, int]  # kind -> how many records get a page

    def ok(self, *, strict: bool = False) -> bool:
        return not has_errors(self.issues, strict=strict)

    def error_report(self, lang: str | None = None) -> str:
        """Why nothing can be built: every issue, one line each, in `lang` (default: the editor's locale's)."""
        lang = editor_language(lang)
        return translate(msg("The content has errors:"), lang) + "\n" + "\n".join(format_issue(i, lang) for i in self.issues)


@dataclass(frozen=True)
class Content(Checked):
    catalog: Catalog
    pages: list[HandPage]
    images: list[tuple[str, str]]  # (lang, path inside content/<lang>/): the only other files published


def check_content(root: Path, *, cached: bool = False) -> Checked:
    """Every issue under `root`. `cached`: read again only the record files whose bytes changed since
    the last cached run (unless the cache is turned off); their facts are all the checks need."""
    with collector_paused():
        return _check_content(root, FactsCache.for_root(root) if cached else None)


def _check_content(root: Path, cache: FactsCache | None) -> Checked:
    sources = find_sources(root)
    names = unpublished_names_in_pages(sources)
    facts: dict[Path, RecordFacts] = {}
    to_read: list[tuple[str, Path, bytes]] = []
    digests: dict[Path, str] = {}
    files = read_record_files(root, sources, names)
    termbase = termbase_of(files)
    for kind, rel in sources.record_files:
        data = files.get(rel)
        if data is None:  # refused before reading (too large, no longer a regular file): the issue says why
            facts[rel] = RecordFacts(kind, rel, ())
            continue
        # A record's facts depend on its bytes and on the glossary (its terminology is checked).
        digests[rel] = hashlib.sha256(data).hexdigest() + "+" + termbase.digest
        found = cache.get(kind, rel, digests[rel]) if cache else None
        if found is None:
            to_read.append((kind, rel, data))
        else:
            facts[rel] = found
    for (_kind, rel, _data), found in zip(to_read, read_facts(to_read, termbase), strict=True):
        facts[rel] = found
        if cache:
            cache.put(rel, digests[rel], found)
    if cache:
        cache.save()
    ordered = [facts[rel] for _, rel in sources.record_files]
    return Checked(all_issues(sources, ordered), shown_counts(ordered))


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 300


def read_record_files(root: Path, sources: Sources, names: PrivateNames | None) -> dict[Path, bytes]:
    """The bytes of every record file that could be read, each searched for names that may not be published."""
    files = {}
    for _kind, rel in sources.record_files:
        data = read_record_bytes(root, rel, sources.record_sizes[rel], sources.issues)
        if data is not None:
            files[rel] = data
            if names is not None:
                sources.issues += names.issues_in(rel, data.decode("utf-8", errors="replace"))
    return files


def termbase_of(files: dict[Path, bytes]) -> Termbase:
    """The glossary's terms, read first: every other record's translations are checked against them.
    Its files' own issues are reported when they are read again as records."""
    folder = Path(record_kind(TERM_KIND).folder) if TERM_KIND in kind_names() else None
    glossary = []
    for rel, data in files.items():
        if folder is not None and rel.parent == folder:
            raw = load_record(TERM_KIND, rel, data, [])
            if raw is not None:
                glossary.append((rel, raw.data))
    return termbase_from(glossary)


def read_facts(files: list[tuple[str, Path, bytes]], termbase: Termbase) -> list[RecordFacts]:
    """The facts of each (kind, path, bytes), in order; in one worker process per core when there are many.

    Workers come from a fork server, not from forking this process: a process with threads (as
    under `mkdocs serve`) can deadlock when forked. So they know only this package's record kinds:
    records of a kind registered while running (a test's) are read here."""
    cores = usable_cores()
    if len(files) >= PARALLEL_FROM and cores > 1 and all(known_to_new_processes(kind) for kind, _, _ in files):
        try:
            with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("forkserver")) as pool:
                jobs = [(*file, termbase) for file in files]
                return list(pool.map(facts_of_file, jobs, chunksize=max(1, len(files) // (cores * 4))))
        except (OSError, ValueError, BrokenProcessPool):  # no worker processes here (a sandbox): one process it is
            pass
    return [facts_of_file((*file, termbase)) for file in files]


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def facts_of_file(job: tuple[str, Path, bytes, Termbase]) -> RecordFacts:
    kind, rel, data, termbase = job
    with collector_paused():
        return check_record_file(kind, rel, data, termbase=termbase)[1]


def load_content(root: Path) -> Content:
    """Load, check and link everything under `root`; never raises for a content mistake.

    Each call reads the files again: the caller that needs one reading in several places (the
    build, for both languages) passes the result on."""
    with collector_paused():
        return _load_content(root.resolve())


def _load_content(root: Path) -> Content:
    sources = find_sources(root)
    names = unpublished_names_in_pages(sources)
    facts: list[RecordFacts] = []
    records: dict[str, dict[str, KindRecord]] = {kind: {} for kind in kind_names()}
    files: dict[tuple[str, str], str] = {}
    read = read_record_files(root, sources, names)
    termbase = termbase_of(read)
    # In this process: sending the records back from worker processes costs about what it saves.
    for kind, rel in sources.record_files:
        data = read.get(rel)
        if data is None:
            facts.append(RecordFacts(kind, rel, ()))
            continue
        record, record_facts = check_record_file(kind, rel, data, termbase=termbase)
        facts.append(record_facts)
        if record is not None and record_facts.shown:
            records[kind][record.id] = record
            files[(kind, record.id)] = rel.as_posix()
    catalog = build_catalog(records, files)
    return Content(all_issues(sources, facts), shown_counts(facts), catalog, sources.pages, sources.images)


def unpublished_names_in_pages(sources: Sources) -> PrivateNames | None:
    """The names that may not be published (if KB_PRIVATE_NAMES lists any), searched for in the
    hand-written pages; the callers search each record file's bytes, comments included, as they
    read them. Not part of the cached facts, which depend on nothing but the file."""
    names = private_names(sources.issues)
    if names is not None:
        for page in sources.pages:
            sources.issues += names.issues_in(page.file, page.text)
    return names


def all_issues(sources: Sources, facts: list[RecordFacts]) -> list[Issue]:
    issues = list(sources.issues) + [issue for f in facts for issue in f.issues]
    return sort_issues(issues + crosscheck(facts, sources) + list(check_hand_pages(sources)))


def shown_counts(facts: list[RecordFacts]) -> dict[str, int]:
    return {kind: sum(f.shown for f in facts if f.kind == kind) for kind in kind_names()}
