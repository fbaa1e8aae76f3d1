"""A third language is data, not code: a copy of this project with Nynorsk added as files only
(languages/nn.yml, mkdocs.nn.yml, content/nn/, `nn:` in one record) builds a site in three
languages, each page switching to the same page in the others, with its own search index and
hreflang alternates, and reports the translations still missing.

Nothing under kb/ or hooks/ is changed: the copy is built by its own code, in a fresh process."""

from __future__ import annotations

import os
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import BASIC, REPO

pytestmark = pytest.mark.site

PROJECT = ["kb", "hooks", "overrides", "languages", "templates", "schemas", "mkdocs.yml", "mkdocs.en.yml"]


def add_nynorsk(root: Path) -> None:
    """Only data files: the language, its MkDocs project, its pages and one translated text."""
    nb = yaml.load((root / "languages" / "nb.yml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    nb["language"] = {"name": "Nynorsk", "english_name": "Nynorsk", "order": 3, "locale": "nn_NO", "fallback": "nb"}
    nb["labels"]["home"] = "Framside"
    (root / "languages" / "nn.yml").write_text(yaml.safe_dump(nb, allow_unicode=True, sort_keys=False), "utf-8")
    (root / "mkdocs.nn.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: Leiarutfordringar i digitale omstillingsprosessar\n"
        "docs_dir: content/nn\nsite_dir: site/nn\ntheme:\n  language: nn\n",
        "utf-8",
    )
    shutil.copytree(root / "content" / "nb", root / "content" / "nn")
    (root / "content" / "nn" / "index.md").write_text("# Framside\n\nSjå [Testby](case:testby).\n", "utf-8")
    criterion = root / "criteria" / "eierskap.yml"
    text = criterion.read_text("utf-8")
    criterion.write_text(re.sub(r"(title: \{nb: [^,]+), en: ([^}]+)\}", r"\1, en: \2, nn: Eigarskap i toppleiinga}", text, count=1), "utf-8")


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("trilingual") / "repo"
    shutil.copytree(BASIC, root)
    for name in PROJECT:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    add_nynorsk(root)
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/kb/"}
    result = subprocess.run([sys.executable, "-m", "kb", "--root", str(root), "build"], cwd=root, env=env, capture_output=True, text=True)
    return root, result


def test_the_third_language_is_built_with_its_own_search(trilingual):
    root, result = trilingual
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for folder in (site, site / "en", site / "nn"):
        assert (folder / "cases" / "testby" / "index.html").is_file()
        assert (folder / "search" / "search_index.json").is_file() and (folder / "search" / "words.json").is_file()
        entry = json.loads((folder / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        [(lang, index)] = entry["languages"].items()
        assert lang == {site: "nb", site / "en": "en", site / "nn": "nn"}[folder]
        assert (folder / "pagefind" / f"wasm.{index['wasm']}.pagefind").is_file(), "the WebAssembly the entry names is published"
    assert '<html lang="nn"' in (site / "nn" / "index.html").read_text("utf-8")
    assert "Eigarskap i toppleiinga" in (site / "nn" / "criteria" / "eierskap" / "index.html").read_text("utf-8")


def test_every_page_switches_to_the_same_page_in_every_language(trilingual):
    root, _result = trilingual
    site = root / "site"
    pages = sorted(p.relative_to(site / "nn") for p in (site / "nn").rglob("index.html"))
    # Every page but the short links (/k1/ …), which only forward to their criterion.
    pages = [page for page in pages if not re.fullmatch(r"k[0-9]+", page.parent.name)]
    assert len(pages) > 15
    for page in pages:
        html = (site / "nn" / page).read_text("utf-8")
        switches = re.findall(r'<a href="([^"]+)" hreflang="(nb|en|nn)"', html)
        assert sorted(lang for _href, lang in switches) == ["en", "nb", "nn"], page
        for href, lang in switches:
            target = ((site / "nn" / page).parent / href).resolve()
            assert target == (site / ("" if lang == "nb" else lang) / page).parent.resolve(), (page, href)
            assert (target / "index.html").is_file(), (page, href)


def test_each_language_has_hreflang_alternates_for_all_three(trilingual):
    root, _result = trilingual
    for lang, prefix in (("nb", ""), ("en", "en/"), ("nn", "nn/")):
        sitemap = (root / "site" / prefix / "sitemap.xml").read_text("utf-8")
        urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
        assert len(urls) > 15, lang
        for url in urls:
            assert sorted(re.findall(r'hreflang="([^"]+)"', url)) == ["en", "nb", "nn", "x-default"], (lang, url)


def test_missing_translations_are_reported_for_the_third_language(trilingual):
    root, _result = trilingual
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run([sys.executable, "-m", "kb", "--root", str(root), "validate", "--no-cache"],
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0  # warnings: the site is built, Norwegian stands in, marked as such
    assert "criteria/eierskap.yml:4: short_title.nn: warning: Nynorsk translation is missing (add 'nn:' next to 'nb:')" in result.stderr
    assert "criteria/eierskap.yml:3: title.nn" not in result.stderr  # the one text translated
    strict = subprocess.run([sys.executable, "-m", "kb", "--root", str(root), "validate", "--strict", "--no-cache"],
                            cwd=root, env=env, capture_output=True, text=True)
    assert strict.returncode == 1
