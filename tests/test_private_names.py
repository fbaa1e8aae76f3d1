"""The names of informants who may not be named: listed outside the repository (KB_PRIVATE_NAMES),
refused in every input, and never in any output, whichever way the output spells them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import kb_env, run, validate

from kb.private_names import private_names

# The fixture's unpublished informant is recorded as `id: radgiver`, role only; this is "her name".
NAMES = "# people who agreed to be interviewed without their names\n\nOla Hemmelig\nÅse Ærlig Østby\n"


@pytest.fixture
def names_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "private-names.txt"  # outside the repository, as the editors' guide says
    path.write_text(NAMES, "utf-8")
    monkeypatch.setenv("KB_PRIVATE_NAMES", str(path))
    return path


def append(root: Path, file: str, text: str) -> None:
    with open(root / file, "a", encoding="utf-8") as out:
        out.write(text)


@pytest.mark.unit
def test_a_listed_name_in_any_record_or_page_is_an_error_at_its_line(content, capsys, names_file):
    assert validate(content, capsys) == (0, [])  # listed people the content does not name: fine
    case = (content / "cases/testby.yml").read_text("utf-8")
    # Folded over two lines, in another case, in a YAML comment, and as an anchor's slug.
    case = case.replace("    text: {nb: Tillitsvalgte deltar., en: Union representatives take part.}",
                        "    text:\n      nb: >-\n        Tillitsvalgte og OLA\n        hemmelig deltar.\n      en: Union representatives take part.")
    (content / "cases/testby.yml").write_text(case + "# intervjuet av Åse Ærlig Østby\n", "utf-8")
    append(content, "content/nb/index.md", "\nSe [profilen](https://example.org/#ase-aerlig-ostby).\n")
    append(content, "content/en/index.md", "\nOlav Hemmeligsen is someone else: whole words only.\n")
    status, lines = validate(content, capsys)
    assert status == 1
    assert lines == [
        "cases/testby.yml:24: names the person on line 3 of KB_PRIVATE_NAMES, who may not be named (write their role instead)",
        "cases/testby.yml:45: names the person on line 4 of KB_PRIVATE_NAMES, who may not be named (write their role instead)",
        "content/nb/index.md:" + str((content / "content/nb/index.md").read_text("utf-8").count("\n"))
        + ": names the person on line 4 of KB_PRIVATE_NAMES, who may not be named (write their role instead)",
    ]
    assert not any("Hemmelig" in line or "Østby" in line for line in lines)  # CI logs are public too


@pytest.mark.unit
def test_a_list_that_cannot_be_read_is_an_error_not_a_skipped_check(content, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("KB_PRIVATE_NAMES", str(tmp_path / "missing.txt"))
    assert validate(content, capsys) == (1, [
        "KB_PRIVATE_NAMES: cannot read the list of names that may not be published: No such file or directory "
        "(set KB_PRIVATE_NAMES to a UTF-8 file with one name a line, or unset it)"])


@pytest.mark.unit
def test_every_spelling_of_a_name_in_output_is_found(names_file):
    names = private_names([])
    assert names is not None
    outputs = {
        "plain.html": b"<p>Intervju med Ola Hemmelig</p>",
        "entity.html": "<p>&Aring;se &AElig;rlig &#216;stby</p>".encode(),
        "search/search_index.json": json.dumps({"text": "Åse Ærlig Østby"}).encode(),  # \u00c5se …
        "sitemap.xml.gz": gzip.compress(b"<loc>https://example.org/ola-hemmelig/</loc>"),
        "url.html": b'<a href="/?q=%C3%85se%20%C3%86rlig%20%C3%98stby">x</a>',
        "data/informants.csv": "case,name\ntestby,ola hemmelig\n".encode(),
        "clean.html": "<p>Olav Hemmeligsen, Åse Ærligsen</p>".encode(),
    }
    assert names.found_in_output(sorted(outputs.items())) == [
        "data/informants.csv (line 3 of KB_PRIVATE_NAMES)",
        "entity.html (line 4 of KB_PRIVATE_NAMES)",
        "plain.html (line 3 of KB_PRIVATE_NAMES)",
        "search/search_index.json (line 4 of KB_PRIVATE_NAMES)",
        "sitemap.xml.gz (line 3 of KB_PRIVATE_NAMES)",
        "url.html (line 4 of KB_PRIVATE_NAMES)",
    ]


@pytest.mark.site
def test_no_output_file_names_an_unpublished_informant(content, tmp_path, names_file):
    """Built and exported with the list in place: every file (HTML, search index, sitemap, JSON,
    CSV, Markdown export) searched by the same guard the build ends with, and by hand."""
    env = kb_env(KB_PRIVATE_NAMES=str(names_file))
    build = run(content, "build", "--site-dir", str(tmp_path / "site"), env=env)
    assert build.returncode == 0, build.stderr
    export = run(content, "export", str(tmp_path / "export"), env=env)
    assert export.returncode == 0, export.stderr
    files = [p for folder in ("site", "export") for p in (tmp_path / folder).rglob("*") if p.is_file()]
    kinds = {p.suffix for p in files}
    assert {".html", ".json", ".csv", ".gz", ".md"} <= kinds
    for path in files:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", errors="replace").lower()
        assert "hemmelig" not in text and "østby" not in text and "\\u00d8stby".lower() not in text, path
    names = private_names([])
    assert names is not None
    assert names.found_in_output((str(p), p.read_bytes()) for p in files) == []


@pytest.mark.site
def test_a_name_that_reaches_the_output_by_another_way_stops_the_build(content, tmp_path, names_file):
    """mkdocs.yml is not a record: a name in its copyright line reaches every page. The guard at the
    end of the build finds it, and nothing is published."""
    config = (content / "mkdocs.yml").read_text("utf-8")
    (content / "mkdocs.yml").write_text(config + "copyright: Foto Ola Hemmelig\n", "utf-8")
    build = run(content, "build", env=kb_env(KB_PRIVATE_NAMES=str(names_file)))
    assert build.returncode == 1
    assert "build failed: the built site names a person who may not be named, in: 404.html (line 3 of KB_PRIVATE_NAMES)" in build.stderr
    assert "Hemmelig" not in build.stderr
    assert not (content / "site").exists()


@pytest.mark.unit
def test_ci_passes_the_names_themselves_and_messages_come_in_norwegian_too(content, capsys, monkeypatch):
    """CI has the names in a secret, not a file: KB_PRIVATE_NAMES_LIST holds them, one a line."""
    from kb.cli import main

    monkeypatch.setenv("KB_PRIVATE_NAMES_LIST", "Kari Hemmelig\nOla Hemmelig\n")
    append(content, "content/en/index.md", "\nThanks to Ola Hemmelig.\n")
    line = (content / "content/en/index.md").read_text("utf-8").count("\n")
    assert validate(content, capsys) == (1, [
        f"content/en/index.md:{line}: names the person on line 2 of KB_PRIVATE_NAMES_LIST, who may not be named (write their role instead)"])
    assert main(["--lang", "nb", "--root", str(content), "validate"]) == 1
    assert [x for x in capsys.readouterr().err.splitlines() if not x.startswith("validate:")] == [
        f"content/en/index.md:{line}: nevner personen på linje 2 i KB_PRIVATE_NAMES_LIST, som ikke skal navngis (skriv rollen i stedet)"]
