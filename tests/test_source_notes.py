"""Notes about the source: for readers (`source_note`, `title_is_ours`), shown in one quiet style;
for editors (`editor_note`), never published anywhere. Quote repairs: `[…]` for words left out,
`⟨…⟩` for words reconstructed, which need a source note."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import edit, kb_env, run, validate

from kb.pipeline import load_content
from kb.render import render_site

CASE = "cases/testby.yml"
WORKING_NOTE = "Sjekk mot trykt utgave ZQXJ-arbeidsnotat"


def annotate(root: Path) -> None:
    """Working notes on a case, a figure, an observation, a quote and a criterion; source notes on
    an observation whose title is the site's, and on a quote with a reconstructed word."""
    edit(root, CASE, "kind: kommune\n", f"kind: kommune\neditor_note: {WORKING_NOTE} 1\n")
    edit(root, CASE, "    as_of: 2017\n", f"    as_of: 2017\n    editor_note: {WORKING_NOTE} 2\n")
    edit(root, CASE, "    criteria: [eierskap]\n    pages: [25]\n", "    criteria: [eierskap]\n    pages: [25]\n    title_is_ours: true\n"
         "    source_note: {nb: Rapporten gir to tall for dette., en: The report gives two figures for this.}\n"
         f"    editor_note: {WORKING_NOTE} 3\n")
    edit(root, CASE, "text: {nb: Vi eier dette., en: We own this.}", "text: {nb: Vi ⟨eier⟩ dette., en: We own this.}\n"
         "    source_note: {nb: «eier» er utydelig i kilden., en: “eier” is unclear in the source.}\n"
         f"    editor_note: {WORKING_NOTE} 4")
    edit(root, "criteria/eierskap.yml", "number: 1\n", f"number: 1\neditor_note: {WORKING_NOTE} 5\n")


@pytest.mark.unit
def test_source_notes_are_shown_in_one_style_with_their_label(content):
    annotate(content)
    loaded = load_content(content)
    assert loaded.ok(strict=True), loaded.issues
    nb, en = (render_site(loaded.catalog, lang)["cases/testby.md"] for lang in ("nb", "en"))
    assert ('<p class="kb-source-note" markdown="1"><span class="kb-source-note__label">Om kilden:</span> '
            "Overskriften er nettstedets; rapporten har ingen egen overskrift her. Rapporten gir to tall for dette.</p>") in nb
    assert ('<span class="kb-source-note__label">About the source:</span> '
            "This heading is the site's; the report has no heading of its own here. The report gives two figures for this.</p>") in en
    assert "«eier» er utydelig i kilden." in nb and "“eier” is unclear in the source." in en
    assert WORKING_NOTE not in nb + en


@pytest.mark.unit
def test_a_reconstructed_word_needs_a_source_note(content, capsys):
    edit(content, CASE, "text: {nb: Vi eier dette., en: We own this.}", "text: {nb: Vi ⟨eier⟩ dette., en: We own this.}")
    assert validate(content, capsys) == (1, [
        "cases/testby.yml:27: quotes[0].text.nb: reconstructed words (⟨…⟩) need a source note "
        "(add 'source_note:' saying what was reconstructed, and from what)"])


@pytest.mark.site
def test_working_notes_reach_no_output_file(content, tmp_path):
    annotate(content)
    build = run(content, "build", "--site-dir", str(tmp_path / "site"), env=kb_env(STRICT="1"))
    assert build.returncode == 0, build.stderr
    export = run(content, "export", str(tmp_path / "export"))
    assert export.returncode == 0, export.stderr
    files = [p for folder in ("site", "export") for p in (tmp_path / folder).rglob("*") if p.is_file()]
    assert {".html", ".json", ".csv", ".gz", ".md"} <= {p.suffix for p in files}
    leaks = []
    for path in files:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", errors="replace")
        if "ZQXJ" in text or "editor_note" in text:
            leaks.append(str(path.relative_to(tmp_path)))
    # The editors' schemas (exported as open data) describe the field; no value is anywhere.
    assert [leak for leak in leaks if "/schemas/" not in leak] == []


@pytest.mark.unit
def test_a_programme_name_stays_as_the_report_gives_it_and_is_glossed_for_other_languages(content):
    edit(content, CASE, "observations:\n", "programmes:\n  - name: Fadderordning\n    gloss: {en: buddy scheme}\n"
         "    description: {nb: Nye får en fadder., en: Newcomers get a buddy.}\n    page: 25\nobservations:\n")
    loaded = load_content(content)
    assert loaded.ok(strict=True), loaded.issues
    assert "#### Fadderordning\n" in render_site(loaded.catalog, "nb")["cases/testby.md"]
    assert '#### <span lang="nb">Fadderordning</span> (buddy scheme)\n' in render_site(loaded.catalog, "en")["cases/testby.md"]
