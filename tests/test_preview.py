"""The preview (`make serve`) never hangs: a content error is a page listing the lines validate
prints, and the site comes back when the file is fixed; both languages are served together, so the
language switch works; stopping the command stops the server; a change to the code restarts it.

Each test starts the preview on a free port in a copy of the project (the fixture content, the code,
the Makefile), as an editor runs it, and reads it over HTTP. Every request has a time limit: a
request that hangs fails the test."""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, copy_content

from kb.preview import BUILD_PATH, Outcome, Preview, error_page, is_page
from kb.supervisor import address_in_use, changed_files, code_snapshot

# What a request may take at most: a rebuild of the fixture content takes about a second.
REQUEST_SECONDS = 10
# What the preview may take to start, rebuild or restart.
WAIT_SECONDS = 30
BROKEN_LINE = "cases/testby.yml:17: observations[0].criteria[0]: unknown criterion 'eierskapp' (did you mean 'eierskap'?)"


def project(root: Path) -> Path:
    """The fixture content with this project's code, languages and Makefile: the preview runs the copy's code."""
    copy_content(root)
    for name in ("kb", "languages", "Makefile", "requirements.lock"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name, *([shutil.ignore_patterns("__pycache__")] if source.is_dir() else []))
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    log: Path
    tmp: Path  # the preview's TMPDIR: its site folder is made there

    def output(self) -> str:
        return self.log.read_text("utf-8", "replace")


def get(url: str) -> tuple[int, str]:
    """(status, body) of one GET; a request slower than REQUEST_SECONDS fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(what: Callable[[], Any], served: Served, message: str) -> Any:
    """What `what` returns once it is true, asked every 0.2 s; fails with the preview's output after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):  # not listening yet, or restarting
            if result := what():
                return result
        time.sleep(0.2)
    pytest.fail(f"{message} within {WAIT_SECONDS} s; the preview said:\n{served.output()}")


@contextlib.contextmanager
def preview(root: Path, *args: str, venv: Path | None = None, path: str = "/") -> Iterator[Served]:
    """`python -m kb serve ARGS` of `root` (or, given a venv, `make serve`) on a free port, started in
    its own process group as a terminal starts a command, and answering at `path`; at the end,
    everything it started is killed."""
    port = free_port()
    tmp = root.parent / "tmp"
    tmp.mkdir(exist_ok=True)
    log = root.parent / "serve.log"
    address = f"127.0.0.1:{port}"
    if venv:
        command = ["make", "-s", "-C", str(root), "serve", f"VENV={venv}", f"ADDRESS={address}"]
    else:
        command = [sys.executable, "-m", "kb", "--root", str(root), "serve", "--address", address, *args]
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    served = Served(process, f"http://{address}", log, tmp)
    try:
        wait_for(lambda: get(served.url + path)[0] in (200, 500), served, "the preview did not answer")
        yield served
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def descendants(pid: int) -> list[int]:
    """Every process started by `pid`, and by those, from /proc."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            for child in map(int, (task / "children").read_text().split()):
                found += [child, *descendants(child)]
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for its parent to collect it."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def break_record(root: Path) -> str:
    """An unknown criterion in the fixture's case; returns the text it had."""
    case = root / "cases" / "testby.yml"
    text = case.read_text("utf-8")
    case.write_text(text.replace("criteria: [eierskap]", "criteria: [eierskapp]", 1), "utf-8")
    return text


def showing_issue(served: Served, path: str) -> str | None:
    status, body = get(served.url + path)
    return body if status == 500 and html.escape(BROKEN_LINE) in body else None


def showing_site(served: Served, path: str) -> str | None:
    status, body = get(served.url + path)
    return body if status == 200 and "Testby" in body else None


@pytest.mark.site
def test_a_record_broken_while_serving_shows_its_issue_on_every_page_until_fixed(tmp_path):
    root = project(tmp_path / "repo")
    with preview(root) as served:
        assert showing_site(served, "/cases/testby/")
        text = break_record(root)
        body = wait_for(lambda: showing_issue(served, "/cases/testby/"), served, "the error page did not come")
        assert "<title>Innholdet har feil · The content has errors</title>" in body
        assert BROKEN_LINE not in body  # only escaped: the quotes in it are HTML's
        for path in ("/", "/en/", "/en/cases/testby/", "/no/such/page/"):
            assert showing_issue(served, path), path
        assert get(served.url + "/assets/stylesheets/kb.css")[0] == 200  # files other than pages are still served
        assert BROKEN_LINE in served.output()  # the terminal too, as validate prints it
        (root / "cases" / "testby.yml").write_text(text, "utf-8")
        wait_for(lambda: showing_site(served, "/cases/testby/"), served, "the site did not come back")
        assert showing_site(served, "/en/cases/testby/")


@pytest.mark.site
def test_a_preview_started_with_broken_content_shows_the_error_page_then_the_site(tmp_path):
    root = project(tmp_path / "repo")
    text = break_record(root)
    case = root / "cases" / "testby.yml"
    case.write_text(case.read_text("utf-8").replace("{nb: Testby kommune,", '{nb: "Testby <b>kommune</b>",', 1), "utf-8")
    with preview(root) as served:
        status, body = get(served.url + "/")
        assert status == 500
        assert "<pre>cases/testby.yml:2: name.nb: &#x27;&lt;&#x27; and &#x27;&gt;&#x27; are not allowed in plain text" in body
        assert html.escape(BROKEN_LINE) in body
        build = get(served.url + BUILD_PATH)[1]
        case.write_text(text, "utf-8")
        wait_for(lambda: showing_site(served, "/cases/testby/"), served, "the site did not come back")
        assert get(served.url + BUILD_PATH)[1] != build  # what the error page waits for to reload


@pytest.mark.site
def test_a_page_mkdocs_refuses_shows_why(tmp_path):
    root = project(tmp_path / "repo")
    with preview(root) as served:
        (root / "content" / "en" / "index.md").write_text("# Home\n\n[Gone](nowhere.md)\n", "utf-8")
        body = wait_for(lambda: (page := get(served.url + "/en/"))[0] == 500 and page[1], served, "the error page did not come")
        assert "WARNING: Doc file &#x27;index.md&#x27; contains a link &#x27;nowhere.md&#x27;, but the target is not found" in body
        assert "mkdocs.en.yml: Aborted with 1 warnings in strict mode!" in body


def switch_links(body: str) -> dict[str, str]:
    return {lang: href for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', body)}


@pytest.mark.site
def test_both_languages_are_served_together_and_the_language_switch_works_both_ways(tmp_path):
    root = project(tmp_path / "repo")
    # `make serve-en`: the same preview, named by its English address.
    with preview(root, "--lang", "en", path="/en/") as served:
        status, english = get(served.url + "/en/")
        assert status == 200 and '<html lang="en"' in english
        assert f"English at {served.url}/en/" in served.output()
        page = served.url + "/en/cases/testby/"
        norwegian_page = urllib.parse.urljoin(page, switch_links(get(page)[1])["nb"])
        assert norwegian_page == served.url + "/cases/testby/"
        status, norwegian = get(norwegian_page)
        assert status == 200 and '<html lang="nb"' in norwegian
        assert urllib.parse.urljoin(norwegian_page, switch_links(norwegian)["en"]) == page
        assert get(urllib.parse.urljoin(served.url + "/", switch_links(get(served.url + "/")[1])["en"]))[0] == 200
        # Each language's search index, written by the same hook as in the build (issue 16).
        for prefix, lang in (("/", "nb"), ("/en/", "en")):
            status, entry = get(served.url + prefix + "pagefind/pagefind-entry.json")
            assert status == 200 and list(json.loads(entry)["languages"]) == [lang]
            assert get(served.url + prefix + "search/words.json")[0] == 200


def fake_venv(tmp_path: Path, root: Path) -> Path:
    """A venv for `make` whose python is this one and whose site layer counts as installed."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', "utf-8")
    (venv / "bin" / "python").chmod(0o755)
    os.utime(root / "requirements.lock", (0, 0))
    (venv / ".site-installed").touch()
    return venv


# Who gets the signal: Ctrl-C in a terminal (SIGINT to the whole process group), a job control
# or CI cancel (SIGTERM to the group), `kill` of make alone, `kill` of the kb process alone.
STOPS = {
    "ctrl-c": (signal.SIGINT, "group"),
    "sigterm-group": (signal.SIGTERM, "group"),
    "sigterm-make": (signal.SIGTERM, "make"),
    "sigterm-kb": (signal.SIGTERM, "kb"),
}


@pytest.mark.site
@pytest.mark.parametrize("stop", list(STOPS))
def test_stopping_make_serve_stops_the_server_and_frees_the_port(tmp_path, stop):
    root = project(tmp_path / "repo")
    venv = fake_venv(tmp_path, root)
    with preview(root, venv=venv) as served:
        make = served.process.pid
        started = descendants(make)
        assert len(started) == 2, served.output()  # the supervisor, and the server it runs
        port = int(served.url.rsplit(":", 1)[1])
        signum, whom = STOPS[stop]
        if whom == "group":
            os.killpg(make, signum)
        else:
            os.kill(make if whom == "make" else started[0], signum)
        served.process.wait(WAIT_SECONDS)
        # make may end before the supervisor has stopped its server and removed the server's
        # folder (a signal to the whole group reaches make too): give them the same time.
        deadline = time.monotonic() + WAIT_SECONDS
        while [pid for pid in started if running(pid)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in started if running(pid)] == []
        assert not address_in_use("127.0.0.1", port)
        assert list(served.tmp.iterdir()) == []  # the server removed its site folder


@pytest.mark.site
def test_a_change_to_the_code_restarts_the_server_with_the_new_code(tmp_path):
    root = project(tmp_path / "repo")
    with preview(root) as served:
        assert "Forside" in get(served.url + "/")[1]
        with (root / "kb" / "labels.py").open("a", encoding="utf-8") as labels:
            labels.write('\nLABELS["home"]["nb"] = "Framside fra ny kode"\n')
        wait_for(lambda: "Framside fra ny kode" in get(served.url + "/")[1], served, "the new code did not run")
        assert "serve: kb/labels.py changed: restarting the server with the new code" in served.output()


@pytest.mark.unit
def test_the_error_page_escapes_every_line_and_reloads_after_the_next_build():
    page = error_page(Outcome(build=7, problems=("cases/x.yml:3: unknown field '<script>alert(1)</script>'", "a & b"), server=42))
    assert "cases/x.yml:3: unknown field &#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;\na &amp; b</pre>" in page
    assert "<script>alert" not in page
    assert f'fetch("{BUILD_PATH}"' in page and 'if (build !== "42.7") location.reload()' in page
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page


@pytest.mark.unit
def test_pages_are_told_from_other_files():
    assert [path for path in ("/", "/en/", "/cases/testby/", "/404.html", "/en/k1", "/livereload/1/2", "/search/search_index.json", "/assets/x.css")
            if is_page(path)] == ["/", "/en/", "/cases/testby/", "/404.html", "/en/k1"]


def respond_with(preview: Preview, path: str) -> tuple[str, bytes]:
    """What the preview's request handler answers, in front of a site that has every file."""

    def site(environ: dict, start_response: Callable) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"the site"]

    answer: list[str] = []
    body = preview.app(site)({"PATH_INFO": path}, lambda status, headers: answer.append(status))
    return answer[0], b"".join(body)


@pytest.mark.unit
def test_while_a_build_failed_pages_are_the_error_page_and_other_files_the_sites(tmp_path):
    preview = Preview(tmp_path, "127.0.0.1", 8000)
    try:
        assert respond_with(preview, "/cases/testby/") == ("200 OK", b"the site")
        preview.outcome = Outcome(build=3, problems=("cases/testby.yml:2: name: required field is missing",), server=42)
        status, body = respond_with(preview, "/cases/testby/")
        assert status == "500 Internal Server Error" and b"cases/testby.yml:2: name: required field is missing" in body
        assert respond_with(preview, "/assets/x.css") == ("200 OK", b"the site")
        assert respond_with(preview, BUILD_PATH) == ("200 OK", b"42.3")
    finally:
        preview.close()


@pytest.mark.unit
def test_a_mistake_in_the_code_is_a_page_with_its_traceback_not_a_stuck_server(tmp_path, monkeypatch, capsys):
    def broken(root: Path) -> None:
        raise ZeroDivisionError("a mistake in the code")

    monkeypatch.setattr("kb.preview.load_content", broken)
    preview = Preview(tmp_path, "127.0.0.1", 8000)
    try:
        preview.rebuild()  # returns: MkDocs' server then lets the requests it held go
    finally:
        preview.close()
    assert preview.outcome.build == 1
    assert preview.outcome.problems[0] == "Traceback (most recent call last):"
    assert preview.outcome.problems[-1] == "ZeroDivisionError: a mistake in the code"
    assert "ZeroDivisionError: a mistake in the code" in capsys.readouterr().err


@pytest.mark.unit
def test_the_code_watched_for_restarts_leaves_out_byte_code_and_editors_files(tmp_path):
    for name in ("hooks/records.py", "overrides/main.html", "mkdocs.yml", "mkdocs.en.yml", "hooks/__pycache__/records.cpython-311.pyc",
                 "hooks/.records.py.swp", "hooks/records.py~", "content/nb/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    before = code_snapshot(tmp_path)
    project_files = sorted(os.path.relpath(path, tmp_path) for path in before if path.startswith(str(tmp_path)))
    assert project_files == ["hooks/records.py", "mkdocs.en.yml", "mkdocs.yml", "overrides/main.html"]
    assert any(path.endswith("kb/preview.py") for path in before)  # the code of the package that runs
    (tmp_path / "hooks/records.py").write_text("changed", "utf-8")
    (tmp_path / "mkdocs.en.yml").unlink()
    assert changed_files(before, code_snapshot(tmp_path), tmp_path) == ["hooks/records.py", "mkdocs.en.yml"]


@pytest.mark.browser
def test_an_open_page_turns_into_the_error_page_and_back_by_itself(tmp_path, page):
    """What an editor sees without touching the browser: MkDocs' live reload brings the error page,
    the error page's own poll brings the site back."""
    root = project(tmp_path / "repo")
    with preview(root) as served:
        page.goto(served.url + "/cases/testby/")
        assert page.title().startswith("Testby kommune")
        text = break_record(root)
        page.wait_for_function("document.title.includes('The content has errors')", timeout=WAIT_SECONDS * 1000)
        assert BROKEN_LINE in page.locator("pre").inner_text()
        (root / "cases" / "testby.yml").write_text(text, "utf-8")
        page.wait_for_function("document.title.startsWith('Testby kommune')", timeout=WAIT_SECONDS * 1000)
