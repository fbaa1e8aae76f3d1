"""The benchmarks still run, and the plain MkDocs build they compare with gets our exact pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import REPO


def run(*args: str, tmp) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.site
def test_the_benchmark_measures_a_tiny_corpus_end_to_end(tmp_path):
    table = tmp_path / "table.md"
    result = run("benchmarks/run.py", "--sizes", "3", "--runs", "1", "--markdown", str(table), tmp=tmp_path)
    assert result.returncode == 0, result.stderr  # it stops if the plain pages differ from ours
    row = next(line for line in table.read_text("utf-8").splitlines() if line.startswith("| 3 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 13 and all(re.fullmatch(r"[\d,.]+( / [\d,.]+)?", cell) for cell in cells), row
    assert float(cells[8]) > 0 and float(cells[9]) > 0  # ours / plain, in one process / plain


@pytest.mark.unit
def test_the_yaml_floor_times_every_step(tmp_path):
    result = run("benchmarks/yaml_floor.py", "5", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    timings = re.findall(r"^  (.+?)\s+(\d+\.\d\d)$", result.stdout, re.MULTILINE)
    assert [name for name, _ in timings] == [
        "libyaml events through PyYAML", "PyYAML C composer (nodes, lines)", "yaml.load, C loader",
        "our reading (kb.load)", "every check of a file", "json.loads, same data",
    ]
