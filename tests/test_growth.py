"""The tests protect the report without blocking growth: an editor's new case, a quote added to a
case and a changed translation pass every content test with no test file touched.

A copy of the project (code, content and tests) gets those three edits, as files only, and the
tests that read the real content without building it (every `content` test, and the cache's
real-content test) run on the copy in a fresh process. The tests of the built site check every
record generically (a page per record, links both ways), so they need no run here."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

pytestmark = pytest.mark.site

COPIED = ["kb", "hooks", "overrides", "languages", "templates", "schemas", "cases", "criteria", "content", "tests",
          "mkdocs.yml", "mkdocs.en.yml", "pyproject.toml", "requirements.txt", "requirements-dev.txt",
          "requirements.lock", "requirements-dev.lock", "Makefile", ".vscode", ".github", "benchmarks", "scripts"]


def load(path: Path) -> dict:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")


def grow(root: Path) -> None:
    """A new case (made from an existing one, as an editor starting from a similar case would), a
    new quote in an existing case, and an English text reworded."""
    case = load(root / "cases" / "bergen.yml")
    case["id"] = "bodo"
    case["name"] = {"nb": "Bodø kommune", "en": "Bodø Municipality"}
    dump(root / "cases" / "bodo.yml", case)
    baerum = load(root / "cases" / "baerum.yml")
    quote = dict(copy.deepcopy(baerum["quotes"][0]), id="nytt-sitat")
    baerum["quotes"].append(quote)
    dump(root / "cases" / "baerum.yml", baerum)
    criterion = load(root / "criteria" / "involvering.yml")
    criterion["summary"]["en"] = criterion["summary"]["en"] + " (Translation revised.)"
    dump(root / "criteria" / "involvering.yml", criterion)


def test_a_new_case_quote_and_translation_pass_the_content_tests_untouched(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    for name in COPIED:
        source = REPO / name
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)  # translations read dates from git: none yet
    grow(root)
    env = {**os.environ, "PYTHONPATH": str(root), "KB_CACHE": "off"}
    for selection in (["-m", "content"], ["tests/test_cache.py::test_cached_uncached_and_build_paths_agree_on_the_real_content"]):
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *selection],
                                cwd=root, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
        assert " passed" in result.stdout.splitlines()[-1] and "failed" not in result.stdout.splitlines()[-1]
