"""YAML mistakes in an editor's words, in the editor's language: for each common cause, the exact
lines `validate` prints in English and in Norwegian: `file:line:column: message (hint)`, then the
line itself and a caret under the column. The language comes from `--lang` or the locale."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import REPO, kb_env, run

from kb.cli import main
from kb.issues import Excerpt, Issue, format_issue

pytestmark = pytest.mark.unit

# (name, file, text in the valid fixture, what the editor wrote instead, {language: lines printed})
MISTAKES = [
    ('quote left open, the next text opens one', 'cases/testby.yml', '  nb: Testby digitaliserer.\n  en: Testby is', '  nb: "Testby digitaliserer.\n  en: "Testby is"', {
        'en': ['cases/testby.yml:10:7: YAML syntax error: this quote is never closed (end the text with the same quote mark)', '  10 |   nb: "Testby digitaliserer.', '     |       ^'],
        'nb': ['cases/testby.yml:10:7: YAML-syntaksfeil: dette anførselstegnet blir aldri lukket (avslutt teksten med samme slags anførselstegn)', '  10 |   nb: "Testby digitaliserer.', '     |       ^'],
    }),
    ('quote left open in a text pair', 'criteria/involvering.yml', 'short_title: {nb: Involvering, en: Involvement}', 'short_title: {nb: "Involvering, en: "Involvement"}', {
        'en': ['criteria/involvering.yml:4:19: YAML syntax error: this quote is never closed (end the text with the same quote mark)', '  4 | short_title: {nb: "Involvering, en: "Involvement"}', '    |                   ^'],
        'nb': ['criteria/involvering.yml:4:19: YAML-syntaksfeil: dette anførselstegnet blir aldri lukket (avslutt teksten med samme slags anførselstegn)', '  4 | short_title: {nb: "Involvering, en: "Involvement"}', '    |                   ^'],
    }),
    ('colon in a text', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: Merk: Testby digitaliserer.', {
        'en': ["cases/testby.yml:10:11: YAML syntax error: ': ' (a colon and a space) inside unquoted text (put the text in quotes or use `>-`)", '  10 |   nb: Merk: Testby digitaliserer.', '     |           ^'],
        'nb': ["cases/testby.yml:10:11: YAML-syntaksfeil: ': ' (kolon og mellomrom) i tekst uten anførselstegn (sett teksten i anførselstegn eller bruk `>-`)", '  10 |   nb: Merk: Testby digitaliserer.', '     |           ^'],
    }),
    ('colon in a text pair', 'criteria/involvering.yml', 'short_title: {nb: Involvering,', 'short_title: {nb: Merk: Involvering,', {
        'en': ["criteria/involvering.yml:4:23: YAML syntax error: ': ' (a colon and a space) inside unquoted text (put the text in quotes or use `>-`)", '  4 | short_title: {nb: Merk: Involvering, en: Involvement}', '    |                       ^'],
        'nb': ["criteria/involvering.yml:4:23: YAML-syntaksfeil: ': ' (kolon og mellomrom) i tekst uten anførselstegn (sett teksten i anførselstegn eller bruk `>-`)", '  4 | short_title: {nb: Merk: Involvering, en: Involvement}', '    |                       ^'],
    }),
    ("colon in a text's next line", 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: Testby digitaliserer\n    som det står: alt', {
        'en': ["cases/testby.yml:11:17: YAML syntax error: ': ' (a colon and a space) inside unquoted text (put the text in quotes or use `>-`)", '  11 |     som det står: alt', '     |                 ^'],
        'nb': ["cases/testby.yml:11:17: YAML-syntaksfeil: ': ' (kolon og mellomrom) i tekst uten anførselstegn (sett teksten i anførselstegn eller bruk `>-`)", '  11 |     som det står: alt', '     |                 ^'],
    }),
    ('comma in a text pair', 'cases/testby.yml', 'en: Testby Municipality}', 'en: Testby, Municipality}', {
        'en': ["cases/testby.yml:2:40: name: 'Municipality' looks like the end of a text cut off at a comma (a comma splits `{nb: …, en: …}`: put the text in quotes)", '  2 | name: {nb: Testby kommune, en: Testby, Municipality}', '    |                                        ^'],
        'nb': ["cases/testby.yml:2:40: name: 'Municipality' ser ut som slutten av en tekst som er delt ved et komma (et komma deler `{nb: …, en: …}`: sett teksten i anførselstegn)", '  2 | name: {nb: Testby kommune, en: Testby, Municipality}', '    |                                        ^'],
    }),
    ('comma before words in a text pair', 'criteria/involvering.yml', '{nb: Medarbeidere må tas med.,', '{nb: Medarbeidere, og ledere: må tas med.,', {
        'en': ["criteria/involvering.yml:5:29: summary: 'og ledere' looks like the end of a text cut off at a comma (a comma splits `{nb: …, en: …}`: put the text in quotes)", '  5 | summary: {nb: Medarbeidere, og ledere: må tas med., en: Employees must be brought along.}', '    |                             ^'],
        'nb': ["criteria/involvering.yml:5:29: summary: 'og ledere' ser ut som slutten av en tekst som er delt ved et komma (et komma deler `{nb: …, en: …}`: sett teksten i anførselstegn)", '  5 | summary: {nb: Medarbeidere, og ledere: må tas med., en: Employees must be brought along.}', '    |                             ^'],
    }),
    ('leading quote', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: "Testby" digitaliserer.', {
        'en': ['cases/testby.yml:10:16: YAML syntax error: the text goes on after its closing quote (put the text in quotes or use `>-`)', '  10 |   nb: "Testby" digitaliserer.', '     |                ^'],
        'nb': ['cases/testby.yml:10:16: YAML-syntaksfeil: teksten fortsetter etter det avsluttende anførselstegnet (sett teksten i anførselstegn eller bruk `>-`)', '  10 |   nb: "Testby" digitaliserer.', '     |                ^'],
    }),
    ('leading asterisk', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: *Testby* digitaliserer.', {
        'en': ["cases/testby.yml:10:7: YAML syntax error: unquoted text may not start with '*' (put the text in quotes or use `>-`)", '  10 |   nb: *Testby* digitaliserer.', '     |       ^'],
        'nb': ["cases/testby.yml:10:7: YAML-syntaksfeil: tekst uten anførselstegn kan ikke begynne med '*' (sett teksten i anførselstegn eller bruk `>-`)", '  10 |   nb: *Testby* digitaliserer.', '     |       ^'],
    }),
    ('leading at sign', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: @testby digitaliserer.', {
        'en': ["cases/testby.yml:10:7: YAML syntax error: unquoted text may not start with '@' (put the text in quotes or use `>-`)", '  10 |   nb: @testby digitaliserer.', '     |       ^'],
        'nb': ["cases/testby.yml:10:7: YAML-syntaksfeil: tekst uten anførselstegn kan ikke begynne med '@' (sett teksten i anførselstegn eller bruk `>-`)", '  10 |   nb: @testby digitaliserer.', '     |       ^'],
    }),
    ('leading backtick', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: `testby` digitaliserer.', {
        'en': ["cases/testby.yml:10:7: YAML syntax error: unquoted text may not start with '`' (put the text in quotes or use `>-`)", '  10 |   nb: `testby` digitaliserer.', '     |       ^'],
        'nb': ["cases/testby.yml:10:7: YAML-syntaksfeil: tekst uten anførselstegn kan ikke begynne med '`' (sett teksten i anførselstegn eller bruk `>-`)", '  10 |   nb: `testby` digitaliserer.', '     |       ^'],
    }),
    ('leading ampersand', 'cases/testby.yml', '  nb: Testby digitaliserer.', '  nb: & Testby digitaliserer.', {
        'en': ["cases/testby.yml:10:7: YAML syntax error: unquoted text may not start with '&' (put the text in quotes or use `>-`)", '  10 |   nb: & Testby digitaliserer.', '     |       ^'],
        'nb': ["cases/testby.yml:10:7: YAML-syntaksfeil: tekst uten anførselstegn kan ikke begynne med '&' (sett teksten i anførselstegn eller bruk `>-`)", '  10 |   nb: & Testby digitaliserer.', '     |       ^'],
    }),
    ('leading hash in a text pair', 'criteria/involvering.yml', 'short_title: {nb: Involvering,', 'short_title: {nb: #1 Involvering,', {
        'en': ["criteria/involvering.yml:4:19: YAML syntax error: unquoted text may not start with '#' (put the text in quotes or use `>-`)", '  4 | short_title: {nb: #1 Involvering, en: Involvement}', '    |                   ^'],
        'nb': ["criteria/involvering.yml:4:19: YAML-syntaksfeil: tekst uten anførselstegn kan ikke begynne med '#' (sett teksten i anførselstegn eller bruk `>-`)", '  4 | short_title: {nb: #1 Involvering, en: Involvement}', '    |                   ^'],
    }),
    ('tab', 'cases/testby.yml', '    perspective: ledelse\n    title: {nb: Ledelsen', '\tperspective: ledelse\n    title: {nb: Ledelsen', {
        'en': ['cases/testby.yml:14:1: YAML syntax error: a tab in the indentation (indent with spaces, not tabs)', '  14 | \\tperspective: ledelse', '     | ^'],
        'nb': ['cases/testby.yml:14:1: YAML-syntaksfeil: tabulator i innrykket (rykk inn med mellomrom, ikke tabulator)', '  14 | \\tperspective: ledelse', '     | ^'],
    }),
    ('indentation', 'cases/testby.yml', '    perspective: ledelse\n    title: {nb: Ledelsen', '    perspective: ledelse\n   title: {nb: Ledelsen', {
        'en': ['cases/testby.yml:15:4: YAML syntax error: this line starts in column 4, the line above in column 5 (fields that belong together start in the same column)', '  15 |    title: {nb: Ledelsen eier arbeidet, en: Management owns the work}', '     |    ^'],
        'nb': ['cases/testby.yml:15:4: YAML-syntaksfeil: denne linjen begynner i kolonne 4, linjen over i kolonne 5 (felt som hører sammen, begynner i samme kolonne)', '  15 |    title: {nb: Ledelsen eier arbeidet, en: Management owns the work}', '     |    ^'],
    }),
    ('unclosed quote', 'criteria/involvering.yml', 'short_title: {nb: Involvering', 'short_title: {nb: "Involvering', {
        'en': ['criteria/involvering.yml:4:19: YAML syntax error: this quote is never closed (end the text with the same quote mark)', '  4 | short_title: {nb: "Involvering, en: Involvement}', '    |                   ^'],
        'nb': ['criteria/involvering.yml:4:19: YAML-syntaksfeil: dette anførselstegnet blir aldri lukket (avslutt teksten med samme slags anførselstegn)', '  4 | short_title: {nb: "Involvering, en: Involvement}', '    |                   ^'],
    }),
    ('unclosed bracket', 'criteria/involvering.yml', 'perspectives: [hr]', 'perspectives: [hr', {
        'en': ["criteria/involvering.yml:7:15: YAML syntax error: this '[' is never closed (close it with ']' on the same line; put a text with a comma in quotes)", '  7 | perspectives: [hr', '    |               ^'],
        'nb': ["criteria/involvering.yml:7:15: YAML-syntaksfeil: '[' her blir aldri lukket (lukk den med ']' på samme linje; sett tekst med komma i anførselstegn)", '  7 | perspectives: [hr', '    |               ^'],
    }),
    ('control character', 'criteria/involvering.yml', '{nb: Involvering,', '{nb: Invol\x1bvering,', {
        'en': ['criteria/involvering.yml:4:25: YAML error: the text holds the control character U+001B (delete it; it often comes with a copy and paste)', '  4 | short_title: {nb: Invol\\x1bvering, en: Involvement}', '    |                            ^'],
        'nb': ['criteria/involvering.yml:4:25: YAML-feil: teksten inneholder kontrolltegnet U+001B (slett det; det følger ofte med når tekst limes inn)', '  4 | short_title: {nb: Invol\\x1bvering, en: Involvement}', '    |                            ^'],
    }),
]


def said(root: Path, capsys: pytest.CaptureFixture[str], lang: str) -> list[str]:
    assert main(["--root", str(root), "--lang", lang, "validate", "--no-cache"]) == 1
    return [line for line in capsys.readouterr().err.splitlines() if not line.startswith("validate:")]


@pytest.mark.parametrize(("name", "file", "old", "new", "expected"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_yaml_mistake_is_named_with_its_line_and_a_caret_in_both_languages(content, capsys, name, file, old, new, expected):
    text = (content / file).read_text("utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    (content / file).write_text(text.replace(old, new, 1), "utf-8")
    assert {lang: said(content, capsys, lang) for lang in ("en", "nb")} == expected


def test_the_comma_is_one_issue_and_the_rest_of_the_record_is_still_checked(content, capsys):
    case = content / "cases/testby.yml"
    text = case.read_text("utf-8").replace("en: Testby Municipality}", "en: Testby, Municipality}", 1).replace("kind: kommune", "kind: fylke")
    case.write_text(text, "utf-8")
    assert said(content, capsys, "en") == [
        "cases/testby.yml:2:40: name: 'Municipality' looks like the end of a text cut off at a comma "
        "(a comma splits `{nb: …, en: …}`: put the text in quotes)",
        "  2 | name: {nb: Testby kommune, en: Testby, Municipality}",
        "    |                                        ^",
        "cases/testby.yml:3: kind: 'fylke' is not allowed (allowed: kommune, statlig-virksomhet, kommunalt-foretak, privat-virksomhet)",
    ]


def test_an_excerpt_is_escaped_and_indented_whatever_it_holds():
    issue = Issue(Path("cases/x.yml"), (), "bad", line=7, column=3, excerpt=Excerpt("a\n::error file=x::owned\x1b[2J", 2))
    assert format_issue(issue).splitlines() == [
        "cases/x.yml:7:3: bad",
        "  7 | a\\n::error file=x::owned\\x1b[2J",
        "    |    ^",
    ]


def test_the_shown_line_cannot_forge_a_terminal_line_or_a_ci_command(content, capsys):
    hostile = '  nb: "x" \u202e::error file=a::owned\t::warning::b'
    case = content / "cases/testby.yml"
    case.write_text(case.read_text("utf-8").replace("  nb: Testby digitaliserer.", hostile, 1), "utf-8")
    lines = said(content, capsys, "en")
    assert lines == [
        "cases/testby.yml:10:11: YAML syntax error: the text goes on after its closing quote (put the text in quotes or use `>-`)",
        '  10 |   nb: "x" \\u202e::error file=a::owned\\t::warning::b',
        "     |           ^",
    ]
    assert not any(line.startswith("::") for line in lines)


@pytest.mark.parametrize(("how", "env"), [
    ("--lang nb", {}),
    ("LANG", {"LANG": "nb_NO.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}),
    ("LC_ALL over LANG", {"LANG": "en_GB.UTF-8", "LC_ALL": "nn_NO.UTF-8"}),
])
def test_the_editor_asks_for_norwegian(content, how, env):
    (content / "criteria/involvering.yml").write_text("id: involvering\nnumbr: 2\n", "utf-8")
    args = ["--lang", "nb", "validate"] if how == "--lang nb" else ["validate"]
    result = run(content, *args, env=kb_env(**env))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "criteria/involvering.yml:2: numbr: ukjent felt 'numbr' (mente du 'number'?)" in result.stderr.splitlines()
    assert "validate: 6 feil, 0 advarsel(er) (1 kriterier, 2 perspektiver, 1 caser, 1 funn, 1 begreper)" in result.stderr.splitlines()


def test_english_otherwise(content):
    (content / "criteria/involvering.yml").write_text("id: involvering\nnumbr: 2\n", "utf-8")
    result = run(content, "validate", env=kb_env(LANG="de_DE.UTF-8", LC_ALL="", LC_MESSAGES=""))
    assert "criteria/involvering.yml:2: numbr: unknown field 'numbr' (did you mean 'number'?)" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1].startswith("validate: 6 error(s), 0 warning(s) (1 criteria, ")


def test_make_validate_msg_lang_nb_speaks_norwegian(content):
    (content / "criteria/involvering.yml").write_text("id: involvering\nnumbr: 2\n", "utf-8")
    result = subprocess.run(["make", "-s", "-C", str(REPO), "validate", f"ROOT={content}", "MSG_LANG=nb"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "criteria/involvering.yml:2: numbr: ukjent felt 'numbr' (mente du 'number'?)" in result.stderr.splitlines()
