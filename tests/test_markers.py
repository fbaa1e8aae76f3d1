"""Every test has exactly one kind (unit, content, site or browser, registered in pyproject.toml),
so that choosing tests by kind (`make test-fast` runs `-m "not browser"`) never leaves one out
unseen: conftest.py refuses any run, chosen or not, while a test has no kind or two."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import KINDS, REPO, kind_problems

pytestmark = pytest.mark.unit

TESTS = """
import pytest

@pytest.mark.unit
def test_marked():
    pass

def test_unmarked():
    pass

@pytest.mark.site
@pytest.mark.browser
def test_twice():
    pass
"""


def collect(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`pytest --collect-only` of the test files in `folder`, with this repository's settings and conftest."""
    return subprocess.run([sys.executable, "-m", "pytest", "-c", str(REPO / "pyproject.toml"), "--rootdir", str(folder),
                           "-p", "conftest", "-p", "no:cacheprovider", "--collect-only", "-q", *args],
                          cwd=folder, env={**os.environ, "PYTHONPATH": str(REPO / "tests")},
                          capture_output=True, text=True)


def test_the_kinds_are_the_markers_pyproject_registers(pytestconfig):
    assert KINDS == ("unit", "content", "site", "browser")
    assert set(KINDS) <= {line.split(":")[0] for line in pytestconfig.getini("markers")}


def test_a_test_without_a_kind_or_with_two_is_named():
    def item(nodeid: str, *marks: str) -> SimpleNamespace:
        return SimpleNamespace(nodeid=nodeid, iter_markers=lambda: [getattr(pytest.mark, mark).mark for mark in marks])

    items = [item("a", "unit"), item("b"), item("c", "site", "browser"), item("d", "content", "parametrize"),
             item("e", "unit", "unit"), item("f", "skip")]
    assert kind_problems(items) == ["b: no kind", "c: browser, site", "f: no kind"]


def test_a_run_with_a_test_of_no_kind_or_two_kinds_is_refused_even_when_it_is_not_chosen(tmp_path):
    (tmp_path / "test_example.py").write_text(TESTS, "utf-8")
    result = collect(tmp_path, "-m", "unit")
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout + result.stderr
    assert result.stderr.rstrip("\n").splitlines() == [
        "ERROR: mark each test with exactly one of unit, content, site, browser (see pyproject.toml):",
        "  test_example.py::test_unmarked: no kind",
        "  test_example.py::test_twice: browser, site",
    ]


def test_a_run_of_tests_of_one_kind_each_is_not_refused(tmp_path):
    (tmp_path / "test_example.py").write_text(TESTS.split("def test_unmarked")[0], "utf-8")
    result = collect(tmp_path)
    assert result.returncode == pytest.ExitCode.OK, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == "test_example.py::test_marked"
