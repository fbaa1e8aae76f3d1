"""validate's two ways to be quick, the cache of record facts (it saves reading unchanged files)
and worker processes (they read many files at once): neither ever changes a result."""

from __future__ import annotations

import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO, validate

import kb.pipeline
from kb.cache import FactsCache, cache_folder
from kb.pipeline import check_content, load_content

CASE = "cases/testby.yml"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KB_CACHE", str(folder))
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The record files validation reads and checks, in order (cache hits are not in it)."""
    seen: list[str] = []
    real = kb.pipeline.check_record_file

    def counting(kind, rel, data, **options):
        seen.append(rel.as_posix())
        return real(kind, rel, data, **options)

    monkeypatch.setattr(kb.pipeline, "check_record_file", counting)
    return seen


def record_count(root: Path) -> int:
    return sum(1 for folder in ("criteria", "cases", "content/perspectives", "content/findings", "content/glossary") for _ in (root / folder).glob("*.yml"))


@pytest.mark.unit
def test_a_second_run_reads_only_the_changed_file(content, cache_dir, reads, capsys):
    assert validate(content, capsys) == (0, [])
    assert len(reads) == record_count(content)
    reads.clear()
    assert validate(content, capsys) == (0, [])
    assert reads == []
    case = content / CASE
    case.write_text(case.read_text("utf-8").replace("criteria: [involvering, eierskap]", "criteria: [involvering, eierskapp]"), "utf-8")
    assert validate(content, capsys) == (1, ["cases/testby.yml:23: observations[1].criteria[1]: unknown criterion 'eierskapp' (did you mean 'eierskap'?)"])
    assert reads == [CASE]


@pytest.mark.unit
def test_an_error_in_another_file_is_found_with_every_other_file_cached(content, cache_dir, reads, capsys):
    """References are checked across records on every run, also when the referring file is cached."""
    assert validate(content, capsys)[0] == 0
    reads.clear()
    (content / "criteria/eierskap.yml").rename(content / "criteria/eierskapet.yml")
    status, lines = validate(content, capsys)
    assert status == 1 and reads == ["criteria/eierskapet.yml"]  # entries are per path: only the renamed file is read
    assert "criteria/eierskapet.yml:1: id: id 'eierskap' differs from the file name (use 'eierskapet' or rename the file)" in lines
    assert any(line.startswith("cases/testby.yml:") and "unknown criterion 'eierskap'" in line for line in lines)


@pytest.mark.unit
def test_the_cache_lives_outside_the_repository_and_can_be_turned_off(content, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KB_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert validate(content, capsys)[0] == 0
    assert cache_folder() == tmp_path / "xdg" / "ks-kunnskapsbase"
    assert len(list(cache_folder().glob("validate-*.json"))) == 1
    before = {p for p in content.rglob("*")}
    monkeypatch.setenv("KB_CACHE", "off")
    assert cache_folder() is None
    assert validate(content, capsys)[0] == 0
    assert {p for p in content.rglob("*")} == before


@pytest.mark.unit
@pytest.mark.parametrize("damage", [
    b"\x00\xff not json",
    b'{"version": "old", "files": {}}',
    b"[1, 2, 3]",
    "wrong shapes",
    "other kind",
])
def test_a_damaged_or_foreign_cache_is_read_past(content, cache_dir, reads, capsys, damage):
    case = content / CASE
    case.write_text(case.read_text("utf-8").replace("perspective: ledelse", "perspective: ledelsen", 1), "utf-8")
    expected = validate(content, capsys, "--no-cache")
    assert expected[0] == 1
    assert validate(content, capsys) == expected
    cache_file = next(cache_dir.glob("validate-*.json"))
    stored = json.loads(cache_file.read_bytes())
    if damage == "wrong shapes":  # valid JSON, right digests, nonsense inside
        for entry in stored["files"].values():
            entry[1] = {"kind": entry[1]["kind"], "issues": 5, "references": [[1]]}
        damage = json.dumps(stored).encode()
    elif damage == "other kind":  # facts filed for another kind of record
        for entry in stored["files"].values():
            entry[1]["kind"] = "term" if entry[1]["kind"] != "term" else "case"
        damage = json.dumps(stored).encode()
    cache_file.write_bytes(damage)
    reads.clear()
    assert validate(content, capsys) == expected
    assert len(reads) == record_count(content)  # nothing of the damaged cache was used
    reads.clear()
    assert validate(content, capsys) == expected  # and it was written again, whole
    assert reads == []


@pytest.mark.unit
def test_a_cache_that_cannot_be_written_is_no_error(content, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KB_CACHE", str(blocker / "cache"))
    assert validate(content, capsys) == (0, [])


@pytest.mark.unit
def test_a_new_version_of_the_code_reads_everything_again(content, cache_dir, reads, capsys, monkeypatch):
    assert validate(content, capsys)[0] == 0
    reads.clear()
    monkeypatch.setattr("kb.cache.code_version", lambda: "another version")
    assert validate(content, capsys)[0] == 0
    assert len(reads) == record_count(content)


@pytest.mark.unit
def test_removed_files_leave_the_cache(content, cache_dir, capsys):
    assert validate(content, capsys)[0] == 0
    (content / "content/glossary/eierskap.yml").unlink()
    validate(content, capsys)
    stored = json.loads(next(cache_dir.glob("validate-*.json")).read_bytes())
    assert "content/glossary/eierskap.yml" not in stored["files"]
    assert CASE in stored["files"]


@pytest.mark.content
def test_cached_uncached_and_build_paths_agree_on_the_real_content(cache_dir):
    cold = check_content(REPO)
    check_content(REPO, cached=True)
    warm = check_content(REPO, cached=True)
    built = load_content(REPO)
    assert cold.issues == warm.issues == built.issues
    assert cold.shown == warm.shown == built.shown
    assert built.shown["case"] == len(built.catalog.cases) >= 7  # the report's seven, and any added since
    assert FactsCache.for_root(REPO).read.keys() == {rel.as_posix() for _, rel in kb.pipeline.find_sources(REPO).record_files}


@pytest.mark.unit
def test_many_files_are_read_in_worker_processes_with_the_same_result(tmp_path, monkeypatch):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import write_corpus

    cases = kb.pipeline.PARALLEL_FROM + 10
    root = write_corpus(cases, tmp_path / "large")
    shape = root / "cases/case-00007.yml"
    shape.write_text(shape.read_text("utf-8") + "extra: <b>x</b>\n", "utf-8")
    reference = root / "cases/case-00008.yml"
    reference.write_text(re.sub(r"perspective: [a-z]+", "perspective: ledelsen", reference.read_text("utf-8"), count=1), "utf-8")
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, workers, **options):
            pools.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(kb.pipeline, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(kb.pipeline.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    parallel = check_content(root)
    assert pools == [2]
    monkeypatch.setattr(kb.pipeline, "PARALLEL_FROM", 10**9)
    serial = check_content(root)
    built = load_content(root)  # the build reads every file in this process (it needs the records)
    assert pools == [2]
    assert parallel.issues == serial.issues == built.issues
    assert parallel.shown == serial.shown == built.shown
    assert len(built.catalog.cases) == cases - 1  # only the one with a wrong shape has no record
    assert [(i.file.as_posix(), i.message) for i in parallel.issues] == [
        ("cases/case-00007.yml", "'<' and '>' are not allowed in plain text"),
        ("cases/case-00007.yml", "unknown field 'extra'"),
        ("cases/case-00008.yml", "unknown perspective 'ledelsen'"),
    ]


@pytest.mark.site
def test_the_build_reads_each_record_once_for_both_languages(content, monkeypatch, tmp_path):
    """`make site` (`--root .`) checks the content, reports it, and builds both languages from that one
    reading: the hooks are handed it, they do not read the records again (shown here without the fork,
    where both languages are built in this process)."""
    import kb.build
    from kb.cli import main

    reads: list[Path] = []
    real = kb.pipeline.check_record_file
    monkeypatch.setattr(kb.pipeline, "check_record_file", lambda kind, rel, data, **options: reads.append(rel) or real(kind, rel, data, **options))
    monkeypatch.setattr(kb.build, "can_fork", lambda: False)
    monkeypatch.chdir(content)
    assert main(["--root", ".", "build", "--site-dir", str(tmp_path / "site")]) == 0
    records = sorted(p.relative_to(content) for folder in ("cases", "criteria", "content") for p in (content / folder).rglob("*.yml"))
    assert sorted(reads) == records
    assert (tmp_path / "site" / "en" / "cases" / "testby" / "index.html").is_file()
