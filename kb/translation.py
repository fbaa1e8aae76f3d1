"""Which English texts are missing or may be out of date with the Norwegian they translate.

"Out of date" is read from git history: when a Norwegian text last changed after its English
translation last changed (uncommitted edits count as now), the English may no longer say the
same. Values are compared, not lines, so a pair written on one line works too. No bookkeeping
fields in the records: editors just edit text.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

from kb.issues import Issue, Loc, Severity
from kb.labels import LANGS, LANGUAGES
from kb.load import Sources
from kb.messages import Msg, msg


def file_versions(root: Path, file: Path) -> list[tuple[int, object]]:
    """(time, parsed YAML) of every version of a record file, oldest first."""
    return [(when, safe_parse(text)) for when, text in text_versions(root, file)]


def safe_parse(text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def value_at(data: object, loc: Loc) -> object:
    for part in loc:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


SOURCE, TRANSLATIONS = LANGS[0], LANGS[1:]
NAMES = {lang: file.language.english_name for lang, file in LANGUAGES.items()}


def last_change(versions: Sequence[tuple[int, object]], loc: Loc) -> int:
    """When the value at `loc` last took the value it has now (0 if never seen)."""
    changed, previous = 0, None
    for when, data in versions:
        value = value_at(data, loc)
        if value != previous:
            changed, previous = when, value
    return changed


def text_pairs(data: object, loc: Loc) -> Iterator[tuple[Loc, dict]]:
    """Every {nb: …, en: …} mapping in a record's raw data, with its location."""
    if isinstance(data, dict):
        if SOURCE in data and isinstance(data.get(SOURCE), str):
            yield loc, data
        for key, value in data.items():
            yield from text_pairs(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_pairs(value, loc + (i,))


def translation_issues(root: Path, sources: Sources) -> list[Issue]:
    """Every translation missing, or older than its source text, in every language but the source."""
    issues = []
    for raw in sources.records:
        versions = None
        for loc, pair in text_pairs(raw.data, ()):
            for lang in TRANSLATIONS:
                if not isinstance(pair.get(lang), str) or not pair[lang].strip():
                    issues.append(
                        Issue(
                            raw.file,
                            loc + (lang,),
                            msg("{language} translation is missing", language=Msg(NAMES[lang])),
                            msg("add '{lang}:' next to '{source}:'", lang=lang, source=SOURCE),
                            Severity.WARNING,
                            raw.line_of(loc + (SOURCE,)),
                        )
                    )
                    continue
                versions = versions if versions is not None else file_versions(root, raw.file)
                source_time, translated_time = last_change(versions, loc + (SOURCE,)), last_change(versions, loc + (lang,))
                if source_time and translated_time and source_time > translated_time:
                    issues.append(outdated(raw.file, loc + (lang,), lang, (source_time, translated_time), raw.line_of(loc + (lang,))))
    issues += page_translation_issues(root, sources)
    return issues


def outdated(file: Path, loc: Loc, lang: str, times: tuple[int, int], line: int | None = None, *, page: bool = False) -> Issue:
    """`page`: for a whole page rather than a text of a record."""
    source_time, translated_time = times
    language, source = Msg(NAMES[lang]), Msg(NAMES[SOURCE])
    if page:
        message = msg("{language} page may be out of date: the {source} page changed after it", language=language, source=source)
    else:
        message = msg("{language} may be out of date: the {source} changed after it", language=language, source=source)
    return Issue(
        file,
        loc,
        message,
        msg("{source} {source_time}, {language} {time}", source=source, source_time=day(source_time), language=language, time=day(translated_time)),
        Severity.WARNING,
        line,
    )


def page_translation_issues(root: Path, sources: Sources) -> list[Issue]:
    """A hand-written page whose source-language file changed after its translation."""
    issues = []
    for lang in TRANSLATIONS:
        translated = {p.path: p for p in sources.pages if p.lang == lang}
        for page in (p for p in sources.pages if p.lang == SOURCE and p.path in translated):
            source_time = last_change(text_versions(root, page.file), ())
            translated_time = last_change(text_versions(root, translated[page.path].file), ())
            if source_time and translated_time and source_time > translated_time:
                issues.append(outdated(translated[page.path].file, (), lang, (source_time, translated_time), page=True))
    return issues


def text_versions(root: Path, file: Path) -> list[tuple[int, str]]:
    """(time, text) of every committed version of `file`, oldest first, plus the file on disk
    (as now) when it differs from the last commit. Empty when git is not available."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%H %ct", "--", file.as_posix()], capture_output=True, text=True, check=True
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return []
    versions = []
    for entry in reversed([line for line in log if line.strip()]):
        sha, when = entry.split()
        shown = subprocess.run(["git", "-C", str(root), "show", f"{sha}:{file.as_posix()}"], capture_output=True, text=True)
        versions.append((int(when), shown.stdout))
    current = (root / file).read_text("utf-8", errors="replace")
    if not versions or current != versions[-1][1]:
        versions.append((int(time.time()), current))
    return versions


def day(timestamp: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(timestamp))
