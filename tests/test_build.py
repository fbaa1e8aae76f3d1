"""The commands an editor runs: exit statuses, no tracebacks, and a site that is never half-built."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, kb_env, run

from kb.cli import main
from kb.schema import stale_schemas

BREAKAGES = {
    "unknown key": ("criteria/eierskap.yml", "number: 1", "numbr: 1"),
    "missing required field": ("criteria/eierskap.yml", "number: 1\n", ""),
    "wrong type": ("criteria/eierskap.yml", "number: 1", "number: one"),
    "unknown criterion id": ("cases/testby.yml", "criteria: [eierskap]", "criteria: [eierskapet]"),
    "duplicate id": ("criteria/involvering.yml", "id: involvering", "id: eierskap"),
    "yaml syntax error": ("criteria/eierskap.yml", "perspectives: [ledelse]", "perspectives: [ledelse"),
    "empty file": ("criteria/eierskap.yml", None, ""),
}


@pytest.mark.site
def test_fixture_site_builds_both_languages(fixture_build):
    result, root = fixture_build  # `python -m kb build` without PYTHONUNBUFFERED
    assert result.returncode == 0, result.stderr
    # Buffered output is not printed twice by the process that builds the English site.
    assert result.stdout.count("validate: ok") == 1 and result.stdout.count("build: ok") == 1, result.stdout
    assert (root / "site/index.html").is_file() and (root / "site/en/index.html").is_file()
    assert (root / "site/cases/testby/index.html").is_file() and (root / "site/en/cases/testby/index.html").is_file()


@pytest.mark.site
@pytest.mark.parametrize("name", BREAKAGES)
def test_a_broken_record_stops_validate_and_build_and_leaves_the_site_untouched(built, name):
    content = built  # the fixture content with the site its build made
    before = {p: p.read_bytes() for p in (content / "site").rglob("*") if p.is_file()}
    file, old, new = BREAKAGES[name]
    path = content / file
    path.write_text(new if old is None else path.read_text("utf-8").replace(old, new, 1), "utf-8")

    validate = run(content, "validate")
    assert validate.returncode == 1
    # One issue: its line, and for a YAML syntax error the source line and caret under it (indented).
    issue_lines = [line for line in validate.stderr.splitlines() if not line.startswith(("validate:", "  "))]
    assert len(issue_lines) == 1 and issue_lines[0].startswith(file + ":"), validate.stderr
    assert "Traceback" not in validate.stderr

    build = run(content, "build")
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "site/ is unchanged" in build.stderr
    after = {p: p.read_bytes() for p in (content / "site").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.site
def test_a_failing_mkdocs_build_leaves_the_site_untouched(built):
    content = built  # the fixture content with the site its build made
    before = sorted(p.relative_to(content) for p in (content / "site").rglob("*"))
    # Valid content, but a hand-written English page links to a page that does not exist:
    # only MkDocs (strict) can see that, after the Norwegian site was already built.
    (content / "content/en/index.md").write_text("# Home\n\n[Gone](nowhere.md)\n", "utf-8")
    build = run(content, "build")
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "mkdocs.en.yml" in build.stderr
    assert sorted(p.relative_to(content) for p in (content / "site").rglob("*")) == before
    assert not list(content.glob(".site-*"))


@pytest.mark.unit
def test_make_validate_exits_non_zero_on_a_content_mistake(content):
    (content / "criteria/eierskap.yml").write_text("id: eierskap\n", "utf-8")
    # The Makefile is the editor's entry point; run it against the broken fixture copy.
    result = subprocess.run(["make", "-s", "-C", str(REPO), "validate", f"ROOT={content}"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "criteria/eierskap.yml:1: number: required field is missing" in result.stderr


@pytest.mark.unit
def test_help_of_every_command(capsys):
    for command in ("validate", "build", "serve", "schema"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
        assert capsys.readouterr().out.strip()


@pytest.mark.unit
def test_json_schemas_are_current():
    assert stale_schemas(REPO) == [], "run: make schemas"


@pytest.mark.unit
def test_json_schema_knows_the_fields_and_their_help():
    import json

    schema = json.loads((REPO / "schemas/case.schema.json").read_text("utf-8"))
    assert schema["additionalProperties"] is False
    assert "observations" in schema["required"]
    assert "perspektiv" in schema["$defs"]["Observation"]["properties"]["perspective"]["description"].lower()


@pytest.mark.site
def test_edit_this_page_opens_the_record_not_generated_markdown(content):
    env_run = run(content, "build", env=kb_env(REPO_URL="https://github.com/ks/kb"))
    assert env_run.returncode == 0, env_run.stderr
    case_html = (content / "site/en/cases/testby/index.html").read_text("utf-8")
    assert 'href="https://github.com/ks/kb/edit/main/cases/testby.yml"' in case_html
    home_html = (content / "site/index.html").read_text("utf-8")
    assert 'href="https://github.com/ks/kb/edit/main/content/nb/index.md"' in home_html
    # Pages made from many records have no single file to edit, so no edit link at all.
    for overview in ("matrix", "glossary", "quotes"):
        assert "/edit/main/" not in (content / "site" / overview / "index.html").read_text("utf-8")


@pytest.mark.unit
def test_search_partial_override_is_materials_own_plus_a_dialog_name_and_a_live_count():
    """The override must follow Material: when Material is upgraded, this fails until it is re-copied."""
    import material

    original = (Path(material.__file__).parent / "templates/partials/search.html").read_text("utf-8")
    ours = (REPO / "overrides/partials/search.html").read_text("utf-8")
    strip_header = lambda text: text[text.index("-#}") + 4:]  # noqa: E731
    ours = strip_header(ours).replace(' aria-label="{{ lang.t(\'search\') }}"', "", 1).replace(' aria-live="polite"', "", 1)
    assert ours == strip_header(original)


@pytest.mark.site
def test_both_languages_failing_are_reported_in_one_run(content):
    # Valid records, but each language's home page links to a page that does not exist: only
    # MkDocs sees that, and the languages are built side by side, so both must be reported.
    (content / "content/nb/index.md").write_text("# Hjem\n\n[Borte](ingensteds.md)\n", "utf-8")
    (content / "content/en/index.md").write_text("# Home\n\n[Gone](nowhere.md)\n", "utf-8")
    build = run(content, "build")
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert "mkdocs.yml: Aborted" in build.stderr and "mkdocs.en.yml: Aborted" in build.stderr, build.stderr
    assert not (content / "site").exists() and not list(content.glob(".site-*"))


@pytest.mark.site
def test_the_languages_built_side_by_side_match_the_languages_built_one_after_the_other(content, tmp_path, monkeypatch):
    import kb.build

    monkeypatch.setattr(kb.build, "can_fork", lambda: True)  # even on a one-core machine
    kb.build.build_site(content, tmp_path / "side-by-side")
    monkeypatch.setattr(kb.build, "can_fork", lambda: False)
    kb.build.build_site(content, tmp_path / "one-after-the-other")
    files = sorted(p.relative_to(tmp_path / "side-by-side") for p in (tmp_path / "side-by-side").rglob("*") if p.is_file())
    assert len(files) > 50 and Path("en/cases/testby/index.html") in files
    for file in files:
        assert (tmp_path / "side-by-side" / file).read_bytes() == (tmp_path / "one-after-the-other" / file).read_bytes(), file


@pytest.mark.site
def test_a_build_process_that_dies_fails_the_build_and_leaves_the_site_untouched(content, fixture_site, tmp_path,
                                                                                monkeypatch):
    import kb.build

    monkeypatch.setattr(kb.build, "can_fork", lambda: True)  # even on a one-core machine
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site, symlinks=True)  # a site as the fixture content's build made it
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    real_build = kb.build.build_language

    def dies_in_english(config_file: Path, site_dir: Path, **options) -> None:
        if config_file.name == "mkdocs.en.yml":
            os._exit(9)  # as if killed: no message back
        real_build(config_file, site_dir, **options)

    monkeypatch.setattr(kb.build, "build_language", dies_in_english)
    with pytest.raises(kb.build.BuildFailed, match="mkdocs.en.yml: the build process stopped"):
        kb.build.build_site(content, site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".site-*"))


@pytest.mark.unit
def test_build_site_reports_content_errors_once_and_builds_nothing(content, tmp_path):
    import kb.build

    (content / "criteria/eierskap.yml").write_text("id: eierskap\n", "utf-8")
    with pytest.raises(kb.build.BuildFailed) as failure:
        kb.build.build_site(content, tmp_path / "site")
    assert str(failure.value).count("criteria/eierskap.yml:1: number: required field is missing") == 1
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site-*"))


@pytest.mark.unit
def test_no_fork_while_another_thread_runs():
    import threading

    import kb.build

    # A fresh process has one thread (this test run may have more: the test web server's).
    fresh = subprocess.run([sys.executable, "-c", "import kb.build; print(kb.build.can_fork())"],
                           env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == str(sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not kb.build.can_fork()  # a fork would copy this thread's locks but not the thread
    finally:
        stop.set()
        other.join()


@pytest.mark.site
def test_ctrl_c_during_the_build_leaves_the_site_untouched_and_no_folders_behind(built):
    import signal
    import time

    content = built  # the fixture content with the site its build made
    before = {p: p.read_bytes() for p in (content / "site").rglob("*") if p.is_file()}
    build = subprocess.Popen([sys.executable, "-m", "kb", "--root", str(content), "build"], env=kb_env(), cwd=content,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(content.glob(".site-new-en-*")) and time.monotonic() < deadline and build.poll() is None:
        time.sleep(0.01)
    time.sleep(0.3)  # well inside MkDocs' work on both languages
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "build: interrupted; site/ is unchanged" in err and "Traceback" not in err, err
    assert {p: p.read_bytes() for p in (content / "site").rglob("*") if p.is_file()} == before
    assert not list(content.glob(".site-*"))
