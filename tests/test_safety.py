"""Safety of what is published: sanitised HTML, informants' privacy, reproducible builds, and a
loader that never crashes on any input."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.load import load_record
from kb.sanitize import clean_html
from kb.validate import validate_record



def build(root: Path, site: Path, **env: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kb", "--root", str(root), "build", "--site-dir", str(site)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **env},
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def all_text(site: Path) -> dict[Path, str]:
    """Every file of the site as text; gzip files unpacked (the sitemap)."""
    texts = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            texts[path] = data.decode("utf-8", errors="replace")
    return texts


@pytest.mark.unit
def test_sanitiser_keeps_our_html_and_removes_script():
    ours = ('<figure class="kb-quote" id="q"><blockquote lang="nb"><p>Ord</p></blockquote>'
            '<figcaption><a href="../x/#q" aria-label="2 obs">2</a></figcaption></figure>'
            '<details class="kb-cite"><summary>Siter</summary><pre><code>@misc{}</code></pre></details>'
            '<table class="kb-table"><caption id="c">T</caption><tbody><tr><th scope="row">K1</th><td>1</td></tr></tbody></table>')
    assert clean_html(ours) == ours
    hostile = ('<p onclick="x()">a<script>alert(1)</script><img src="x" onerror="alert(1)">'
               '<a href="javascript:alert(1)">b</a><iframe src="https://x.example"></iframe><!-- c --></p>')
    assert clean_html(hostile) == '<p>a<img src="x"><a>b</a></p>'


@pytest.mark.site
def test_built_site_has_no_script_in_content_and_no_script_urls(real_site):
    """Theme scripts live outside <article>; inside it, nothing executable may appear."""
    for path, text in all_text(real_site).items():
        assert "javascript:" not in text.lower(), path
        if path.suffix == ".html":
            for article in re.findall(r"<article.*?</article>", text, re.S):
                assert "<script" not in article.lower(), path
                assert not re.search(r"\son[a-z]+\s*=", article), path


@pytest.mark.site
def test_unpublished_informant_is_published_by_role_only(fixture_site):
    """The fixture's second informant has `publish_name: false` and, as the rule requires, no name
    in the repository; the site shows the role and organisation, and no empty name."""
    site = fixture_site
    texts = all_text(site)
    assert any("search_index.json" in str(p) for p in texts) and any(p.name == "sitemap.xml.gz" for p in texts)
    assert [str(p.relative_to(site)) for p, text in texts.items() if "None," in text or '"name": ""' in text] == []
    case_page = texts[site / "cases" / "testby" / "index.html"]
    assert "Rådgiver, Testby kommune" in case_page and "Kari Publisert" in case_page
    assert "Adviser, Testby Municipality" in texts[site / "en" / "cases" / "testby" / "index.html"]


@pytest.mark.site
def test_two_builds_of_one_commit_are_byte_identical(content, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    build(content, first, SOURCE_DATE_EPOCH="1700000000")
    time.sleep(1.1)  # a clock that leaked into the output would now differ
    build(content, second, SOURCE_DATE_EPOCH="1700000000")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert Path("data/lederutfordringer-data.zip") in files  # the zip of the open data too


@pytest.mark.site
def test_the_build_clock_is_the_commits_not_todays(content, tmp_path):
    from kb.build import commit_time

    subprocess.run(["git", "init", "-q", str(content)], check=True)
    subprocess.run(["git", "-C", str(content), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(content), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
                   env={**os.environ, "GIT_COMMITTER_DATE": "2020-01-02T03:04:05Z"}, check=True)
    assert commit_time(content) == 1577934245
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-m", "kb", "--root", str(content), "build", "--site-dir", str(tmp_path / "s")],
                            env={**env, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    header_time = int.from_bytes((tmp_path / "s" / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert header_time == 1577923200  # 2020-01-02, the commit's day (MkDocs keeps the date)


# --- fuzzing: the loader and validator answer every input with issues or a model, never a crash

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
FIELDS = ["id", "name", "kind", "summary", "observations", "quotes", "informants", "pages", "criteria", "nb", "en"]


def run_pipeline(raw: bytes) -> None:
    issues: list = []
    record = load_record("case", Path("cases/fuzz.yml"), raw, issues)
    if record is not None:
        model, more = validate_record(record)
        assert model is not None or more
    else:
        assert issues, "a file that cannot be read must say why"


@pytest.mark.unit
@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), yaml_values, max_size=8))
def test_fuzz_random_yaml_structures(data):
    import yaml

    run_pipeline(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@pytest.mark.unit
@settings(max_examples=300, deadline=500)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_fuzz_random_bytes_and_text(raw):
    run_pipeline(raw)
