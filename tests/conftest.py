"""Shared fixtures: a tiny valid content tree to break one file at a time, and the real site."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import tomllib
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

# Property tests check answers, not speed: Hypothesis' per-example deadline (200 ms) fails them on a
# loaded machine (it did, at load 15), and speed is measured in benchmarks.
settings.register_profile("kb", deadline=None)
settings.load_profile("kb")

from kb.build import build_site
from kb.cli import main

REPO = Path(__file__).resolve().parent.parent
BASIC = Path(__file__).resolve().parent / "fixtures" / "basic"
SITE_FILES = ("mkdocs.yml", "mkdocs.en.yml", "hooks", "overrides")
# An editor's or CI's list of names that may not be published is not the tests' (they set their own).
os.environ.pop("KB_PRIVATE_NAMES", None)
os.environ.pop("KB_PRIVATE_NAMES_LIST", None)
# Nor are its published address and repository: the sites here are built with mkdocs.yml's own.
os.environ.pop("SITE_URL", None)
os.environ.pop("REPO_URL", None)
# validate's cache of record facts goes to a folder of this test run, not the user's cache folder.
os.environ["KB_CACHE"] = tempfile.mkdtemp(prefix="kb-cache-")
# The tests read the exact English messages, on an editor's Norwegian machine too (the locale
# chooses the messages' language: kb/messages.py); tests of that choice set the locale themselves.
os.environ["LC_ALL"] = "C.UTF-8"

# The kinds of test, each registered as a marker in pyproject.toml (its description says which tests).
KINDS = tuple(line.split(":")[0] for line in
              tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]["markers"])


def kind_problems(items: Iterable[pytest.Item]) -> list[str]:
    """Each test that has no kind or more than one, as 'node id: its kinds'."""
    problems = []
    for item in items:
        kinds = sorted({mark.name for mark in item.iter_markers()} & set(KINDS))
        if len(kinds) != 1:
            problems.append(f"{item.nodeid}: {', '.join(kinds) or 'no kind'}")
    return problems


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """After collection, before -m and -k choose: no run while a test is unmarked, so that choosing
    by kind (`make test-fast`, `pytest -m unit`) never leaves a test out unseen."""
    if problems := kind_problems(items):
        raise pytest.UsageError(f"mark each test with exactly one of {', '.join(KINDS)} (see pyproject.toml):\n  "
                                + "\n  ".join(problems))


def copy_content(root: Path) -> Path:
    """The basic fixture content and the MkDocs projects copied to `root`; for fixtures of any scope."""
    shutil.copytree(BASIC, root)
    for name in SITE_FILES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the basic fixture content (valid), plus the MkDocs projects, in a temporary root."""
    return copy_content(tmp_path / "repo")


def edit(root: Path, file: str, old: str, new: str) -> None:
    """Replace `old`, which must stand exactly once in `root`/`file`, by `new`."""
    text = (root / file).read_text("utf-8")
    assert text.count(old) == 1, old
    (root / file).write_text(text.replace(old, new), "utf-8")


def kb_env(**extra: str) -> dict[str, str]:
    """The environment `python -m kb` runs in here: this checkout's core, no MkDocs 2 banner."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **extra}


def run(root: Path, *args: str, env: dict[str, str] | None = None, umask: int = -1) -> subprocess.CompletedProcess[str]:
    """`python -m kb --root ROOT ARGS` as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "kb", "--root", str(root), *args], env=env or kb_env(),
                          capture_output=True, text=True, cwd=root, umask=umask)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`python -m kb build` of the basic fixture content, run once per test session as an editor runs
    it: output buffered (no PYTHONUNBUFFERED), and under a umask that lets nobody else read. The
    finished process and the root it built."""
    root = copy_content(tmp_path_factory.mktemp("built") / "repo")
    env = {key: value for key, value in kb_env().items() if key != "PYTHONUNBUFFERED"}
    return run(root, "build", env=env, umask=0o077), root


@pytest.fixture(scope="session")
def fixture_site(fixture_build: tuple[subprocess.CompletedProcess[str], Path]) -> Path:
    """The fixture content's site/ as that build left it; shared by the whole session, so only read
    it (or copy it, as `built` does)."""
    result, root = fixture_build
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def built(content: Path, fixture_site: Path) -> Path:
    """The fixture content with its site/ as a build left it, to change or build again."""
    shutil.copytree(fixture_site, content / "site", symlinks=True)
    return content


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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def configured_address() -> str:
    """mkdocs.yml's site_url as a build without SITE_URL reads it: the default of its `!ENV`."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)["site_url"]


@pytest.fixture(scope="session")
def site_url(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site served over HTTP on 127.0.0.1, as a browser would see it published: at the
    path of its configured address (/lederutfordringer-kb/ on GitHub Pages), which the 404 page's
    links start from."""
    path = urlsplit(configured_address()).path.strip("/")
    served = tmp_path_factory.mktemp("served")
    if path:
        (served / path).parent.mkdir(parents=True, exist_ok=True)
        (served / path).symlink_to(real_site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(served if path else real_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/" + (f"{path}/" if path else "")
    server.shutdown()


sys.path.insert(0, str(REPO / "scripts"))
from page_weight import CHROMIUM_ARGS  # noqa: E402 - one definition of how Chromium is started

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser). Missing = failure, not skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


# Material shows this until its search worker has loaded the index; a query typed earlier can be lost.
SEARCH_INITIALISING = {"nb": "Starter søk", "en": "Initializing search"}


def wait_for_search(page, lang: str) -> None:
    """Block until the page's search is ready to take a query."""
    page.wait_for_function(
        "text => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() !== '' && !m.textContent.includes(text) }",
        arg=SEARCH_INITIALISING[lang], timeout=30_000,
    )
