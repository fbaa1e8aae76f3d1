"""The benchmarks still run, and the plain MkDocs build they compare with gets our exact pages;
the search benchmark reads what it measures."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import page_weight  # on the path through conftest
import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
import search  # noqa: E402 - benchmarks/search.py
from synthetic import vocabulary  # noqa: E402


def run(*args: str, tmp) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.browser
def test_the_benchmark_measures_a_tiny_corpus_end_to_end(tmp_path):
    """Chromium missing leaves the reader's columns empty: a failure here, as for every browser test."""
    table = tmp_path / "table.md"
    result = run("benchmarks/run.py", "--sizes", "3", "--runs", "1", "--markdown", str(table), tmp=tmp_path)
    assert result.returncode == 0, result.stderr  # it stops if the plain pages differ from ours
    row = next(line for line in table.read_text("utf-8").splitlines() if line.startswith("| 3 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 15 and all(re.fullmatch(r"[\d,.]+( / [\d,.]+)?", cell) for cell in cells), row
    assert float(cells[8]) > 0 and float(cells[9]) > 0  # ours / plain, in one process / plain
    home, query = ([float(kb.replace(",", "")) * 1024 for kb in cell.split(" / ")] for cell in cells[13:])
    assert all(0 < size <= page_weight.HOME_PAGE_BUDGET for size in home), row
    assert all(0 <= size <= page_weight.QUERY_BUDGET for size in query), row  # 3 cases: far below 1,000


@pytest.mark.browser
def test_at_1000_cases_a_query_and_the_home_page_stay_within_budget(tmp_path, browser):
    """Issue 16's budgets at the size they name: each query of a reader on a site of 1,000 cases
    fetches at most QUERY_BUDGET, and the home page stays under its budget with nothing of the
    index loaded. Bytes, not time: the same on every machine (the build takes a few minutes)."""
    site, _seconds, _output = search.build_synthetic(1000, tmp_path / "n1000")
    with page_weight.serve(site) as home:
        for query in search.SYNTHETIC_QUERIES:
            result = search.ask(browser, site, home, query)
            assert result["settled"] and result["titles"], (query, result)
            assert result["bytes"] <= page_weight.QUERY_BUDGET, (query, result["bytes"])
    for lang, weight in page_weight.measure(site, browser).items():
        assert weight["bytes"] <= page_weight.HOME_PAGE_BUDGET and not weight["search_index_requests"], (lang, weight)


@pytest.mark.content
def test_the_synthetic_queries_are_words_of_the_synthetic_text():
    """Each word comes from the real cases' words, which the synthetic cases are written with."""
    words = {lang: {word.lower() for word in found} for lang, found in vocabulary().items()}
    for query in search.SYNTHETIC_QUERIES:
        assert all(word in words[query.lang] for word in query.query.split()), query


@pytest.mark.unit
def test_the_search_benchmark_reads_every_query_of_the_list():
    queries = search.load_queries()
    assert {q.lang for q in queries} == {"nb", "en"} and all(q.query and (q.expect or q.same_as) for q in queries)
    assert all(bool(q.expect) != bool(q.same_as) for q in queries), "one of expect and same_as"


@pytest.mark.unit
def test_the_index_size_counts_materials_index_and_pagefinds_folder(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_bytes(b"x" * 10)
    (tmp_path / "en/pagefind/fragment").mkdir(parents=True)
    (tmp_path / "en/pagefind/pagefind-entry.json").write_bytes(b"x" * 100)
    (tmp_path / "en/pagefind/fragment/en_1.pf_fragment").write_bytes(b"x" * 1000)
    assert (search.index_bytes(tmp_path, "nb"), search.index_bytes(tmp_path, "en")) == (10, 1100)


@pytest.mark.unit
def test_the_yaml_floor_times_every_step(tmp_path):
    result = run("benchmarks/yaml_floor.py", "5", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    timings = re.findall(r"^  (.+?)\s+(\d+\.\d\d)$", result.stdout, re.MULTILINE)
    assert [name for name, _ in timings] == [
        "libyaml events through PyYAML", "PyYAML C composer (nodes, lines)", "yaml.load, C loader",
        "our reading (kb.load)", "every check of a file", "json.loads, same data",
    ]
