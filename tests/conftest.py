"""Shared fixtures: a tiny valid content tree to break one file at a time, and the real site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.build import build_site
from kb.cli import main

REPO = Path(__file__).resolve().parent.parent
BASIC = Path(__file__).resolve().parent / "fixtures" / "basic"
SITE_FILES = ("mkdocs.yml", "mkdocs.en.yml", "hooks", "overrides")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the basic fixture content (valid), plus the MkDocs projects, in a temporary root."""
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    for name in SITE_FILES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


def validate(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    """Run `validate` as an editor would; return its exit status and the issue lines it printed."""
    status = main(["--root", str(root), "validate", *extra])
    err = capsys.readouterr().err
    return status, [line for line in err.splitlines() if not line.startswith("validate:")]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once per test session, both languages, strict."""
    site = tmp_path_factory.mktemp("real") / "site"
    build_site(REPO, site, strict=True)
    return site
