"""`make new` and record ids in the house style: a name becomes an id spelt as the existing ids
are (æ → ae, ø → o, å → a), a mistyped id gets "did you mean", a taken id is refused, and `make
new` alone says what to type. Every message is checked word for word."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, validate

from kb.cli import main
from kb.ids import MAX_ID_LENGTH, id_from_name, is_id
from kb.kinds import record_kind

USAGE = """\
new: say what kind of record to start and its id, e.g.
  make new KIND=case ID=bodo-kommune
  make new KIND=case ID="Bodø kommune"   (a name: the id bodo-kommune is made from it)
kinds: criterion, perspective, case, finding, term
An id is lower-case a–z, digits and hyphens; it is the file name and the web address.
"""


@pytest.fixture
def repo(content: Path) -> Path:
    """The fixture content (one case, testby) with the templates."""
    shutil.copytree(REPO / "templates", content / "templates")
    return content


@pytest.mark.unit
@pytest.mark.parametrize("name, made", [
    ("Bodø kommune", "bodo-kommune"),
    ("Bærum kommune", "baerum-kommune"),
    ("Sparebank 1 SR-bank", "sparebank-1-sr-bank"),
    ("Trondheim Parkering KF", "trondheim-parkering-kf"),
    ("Formålet påvirker opplevelsen", "formalet-pavirker-opplevelsen"),
    ("ØKT BEHOV FOR KOMPETANSE", "okt-behov-for-kompetanse"),
    ("Lærings- og innovasjonskultur", "laerings-og-innovasjonskultur"),
    ("Kárášjohka / Porsáŋgu", "karasjohka-porsangu"),
    ("  «Smart omsorg» (2017)!  ", "smart-omsorg-2017"),
    ("Straße", "strasse"),
    ("!!! ?", ""),
])
def test_a_name_becomes_an_id_in_the_house_style(name, made):
    assert id_from_name(name) == made
    assert made == "" or is_id(made)


@pytest.mark.unit
def test_a_long_name_is_cut_at_a_hyphen_to_the_longest_id_allowed():
    made = id_from_name("Digital omstilling " * 10)
    assert is_id(made) and len(made) <= MAX_ID_LENGTH and made.endswith("-omstilling")


@pytest.mark.content
def test_the_existing_ids_are_spelt_as_ids_are_made():
    """Each of the 30 glossary terms has the id made from its Norwegian term (digitalt førstevalg
    → digitalt-forstevalg, porteføljestyring → portefoljestyring, lærings- og … → laerings-og-…)."""
    terms = sorted((REPO / "content/glossary").glob("*.yml"))
    assert len(terms) >= 30
    for path in terms:
        assert id_from_name(yaml.safe_load(path.read_text("utf-8"))["term"]["nb"]) == path.stem


@pytest.mark.unit
@pytest.mark.parametrize("args", [[], ["case"], ["case", ""], ["", "bodo"]])
def test_new_without_kind_or_id_says_what_to_type(repo, capsys, args):
    assert main(["--root", str(repo), "new", *args]) == 2
    assert capsys.readouterr().err == USAGE


@pytest.mark.unit
def test_new_with_an_unknown_kind_names_the_kinds(repo, capsys):
    assert main(["--root", str(repo), "new", "cases", "bodo"]) == 2
    assert capsys.readouterr().err == "new: unknown kind 'cases'\n" + USAGE


@pytest.mark.unit
def test_new_makes_the_id_from_a_name_and_says_so(repo, capsys):
    assert main(["--root", str(repo), "new", "case", "Bodø kommune"]) == 0
    assert capsys.readouterr().out == (
        "new: the id 'bodo-kommune' is made from 'Bodø kommune' (to change it, rename the file and its id: line)\n"
        "new: wrote cases/bodo-kommune.yml; fill in the empty values, then run: make validate\n")
    assert "\nid: bodo-kommune\n" in (repo / "cases/bodo-kommune.yml").read_text("utf-8")
    status, lines = validate(repo, capsys)
    assert status == 1 and all(line.startswith("cases/bodo-kommune.yml:") for line in lines)


@pytest.mark.unit
@pytest.mark.parametrize("given, message", [
    ("Bodø", "new: 'Bodø' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'bodo'?"),
    ("bodo_kommune", "new: 'bodo_kommune' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'bodo-kommune'?"),
    ("Bodo-Kommune", "new: 'Bodo-Kommune' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'bodo-kommune'?"),
    ("bodo--kommune-", "new: 'bodo--kommune-' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'bodo-kommune'?"),
    ("«»", "new: '«»' is not a valid id (use lower-case a–z, digits and hyphens)"),
    ("!! ??", "new: '!! ??' is not a valid id (use lower-case a–z, digits and hyphens)"),
    ("a\x1b[2Jb", "new: 'a\\x1b[2Jb' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'a-2jb'?"),
])
def test_a_mistyped_id_is_not_changed_unasked_but_corrected_in_the_message(repo, capsys, given, message):
    assert main(["--root", str(repo), "new", "case", given]) == 1
    assert capsys.readouterr().err == message + "\n"
    assert sorted(path.name for path in (repo / "cases").iterdir()) == ["testby.yml"]


@pytest.mark.unit
@pytest.mark.parametrize("given, message", [
    ("testby", "new: the id 'testby' is taken: cases/testby.yml exists already; nothing was written"),
    ("Testby ", "new: 'Testby ' is not a valid id (use lower-case a–z, digits and hyphens); did you mean 'testby'?"),
    ("Test by", "new: the id 'test-by' is taken: cases/test-by.yml exists already; nothing was written"),
])
def test_an_id_taken_by_a_record_is_refused(repo, capsys, given, message):
    (repo / "cases/test-by.yml").write_text("id: test-by\n", "utf-8")
    before = (repo / "cases/testby.yml").read_text("utf-8")
    assert main(["--root", str(repo), "new", "case", given]) == 1
    assert capsys.readouterr().err == message + "\n"
    assert (repo / "cases/testby.yml").read_text("utf-8") == before
    assert (repo / "cases/test-by.yml").read_text("utf-8") == "id: test-by\n"


@pytest.mark.unit
def test_make_new_passes_a_name_with_spaces_as_one_argument(repo, tmp_path):
    """`make new KIND=case ID="Bodø kommune"`: the name reaches the command whole (quoted in the
    recipe, from the environment). A stand-in venv runs this interpreter; nothing is installed."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin/python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', "utf-8")
    (venv / "bin/python").chmod(0o755)
    (venv / ".site-installed").touch()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(["make", "-s", "-C", str(REPO), "new", f"VENV={venv}", f"ROOT={repo}", "KIND=case", "ID=Bodø kommune"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "new: wrote cases/bodo-kommune.yml; fill in the empty values, then run: make validate"
    alone = subprocess.run(["make", "-s", "-C", str(REPO), "new", f"VENV={venv}", f"ROOT={repo}"], capture_output=True, text=True, env=env)
    assert alone.returncode != 0 and alone.stderr.startswith(USAGE)
    assert (repo / record_kind("case").folder / "bodo-kommune.yml").is_file()
