"""The code passes its linters, pinned in requirements-dev.txt: ruff (the rules in pyproject.toml,
and its formatter) and mypy (types), on the core, the hook, the scripts and the benchmarks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.unit

BIN = Path(sys.executable).parent
CODE = ["kb", "hooks", "scripts", "benchmarks"]


def test_ruff_finds_nothing():
    result = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", *CODE], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = subprocess.run([str(BIN / "ruff"), "format", "--check", "--no-cache", *CODE], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    # mypy reads its settings (files, ignore_missing_imports) from pyproject.toml.
    result = subprocess.run([str(BIN / "mypy"), "--python-executable", sys.executable, "--no-incremental"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
