"""Every mistake of a file in one run, and quotes that name their speaker by an informant's id.

Each test edits the valid basic fixture and compares `validate --strict`'s lines exactly, the same
whether the facts come from the cache or from reading every file, in English and in Norwegian
(`--lang nb`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import validate

from kb.cli import main

CASE = "cases/testby.yml"


def edit(root: Path, *changes: tuple[str, str]) -> None:
    text = (root / CASE).read_text("utf-8")
    for old, new in changes:
        assert text.count(old) == 1, f"the fixture should hold {old!r} once"
        text = text.replace(old, new)
    (root / CASE).write_text(text, "utf-8")


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    status, lines = validate(root, capsys, "--strict", "--no-cache")
    assert status == 1
    assert validate(root, capsys, "--strict") == (1, lines)  # the cache's facts give the same lines
    return lines


def check_nb(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """`python -m kb --lang nb validate --strict`'s issue lines, read afresh and from the cache."""
    said = []
    for cache in (["--no-cache"], []):
        assert main(["--lang", "nb", "--root", str(root), "validate", "--strict", *cache]) == 1
        said.append([line for line in capsys.readouterr().err.splitlines() if not line.startswith("validate:")])
    assert said[0] == said[1]
    return said[0]


EIGHT_MISTAKES = (
    ("kind: kommune", "kind: komune"),
    ("    pages: [25]\n  - id: ansatte-med", "    pages: [250]\n  - id: ansatte-med"),
    ("criteria: [involvering, eierskap]", "criteria: [involvering, eierskp]"),
    ("nb: Rådmannen leder programmet.", "nb: Rådmannen <b>leder</b> programmet."),
    ("  - id: sitat-eierskap", "  - id: ledelsen-eier"),
    ("    criteria: [eierskap]\n    page: 25", "    criteria: [K1]\n    page: 25"),
    ("    attribution: {nb: Testby kommune, en: Testby Municipality}\n", "    informant: kari-publisrt\n"),
    ("  en: Testby is digitalising.\n", ""),
)


@pytest.mark.unit
def test_a_file_with_eight_independent_mistakes_reports_eight_lines_in_one_run(content, capsys):
    """Shape errors (a misspelt kind, a page outside the report) no longer hide the text, id,
    reference, informant and translation checks of the same file."""
    edit(content, *EIGHT_MISTAKES)
    assert check(content, capsys) == [
        "cases/testby.yml:3: kind: 'komune' is not allowed (did you mean 'kommune'?)",
        "cases/testby.yml:9: summary.en: warning: English translation is missing (add 'en:' next to 'nb:')",
        "cases/testby.yml:15: observations[0].text.nb: raw HTML is not allowed: '<b>' (write Markdown instead)",
        "cases/testby.yml:17: observations[0].pages[0]: page 250 is outside the report (1–83)",
        "cases/testby.yml:22: observations[1].criteria[1]: unknown criterion 'eierskp' (did you mean 'eierskap'?)",
        "cases/testby.yml:25: quotes[0].id: duplicate id 'ledelsen-eier' in this case (also used at observations[0])",
        "cases/testby.yml:27: quotes[0].informant: unknown informant 'kari-publisrt' in this case (did you mean 'kari-publisert'?)",
        "cases/testby.yml:29: quotes[0].criteria[0]: 'K1' is a criterion's code: write its id (K1 is 'eierskap')",
    ]


@pytest.mark.unit
def test_the_eight_mistakes_in_norwegian(content, capsys):
    edit(content, *EIGHT_MISTAKES)
    assert check_nb(content, capsys) == [
        "cases/testby.yml:3: kind: 'komune' er ikke tillatt (mente du 'kommune'?)",
        "cases/testby.yml:9: summary.en: advarsel: oversettelsen til engelsk mangler (legg til 'en:' ved siden av 'nb:')",
        "cases/testby.yml:15: observations[0].text.nb: rå HTML er ikke tillatt: '<b>' (skriv Markdown i stedet)",
        "cases/testby.yml:17: observations[0].pages[0]: side 250 er utenfor rapporten (1–83)",
        "cases/testby.yml:22: observations[1].criteria[1]: ukjent kriterium 'eierskp' (mente du 'eierskap'?)",
        "cases/testby.yml:25: quotes[0].id: id-en 'ledelsen-eier' er brukt to ganger i denne casen (også brukt ved observations[0])",
        "cases/testby.yml:27: quotes[0].informant: ukjent informant 'kari-publisrt' i denne casen (mente du 'kari-publisert'?)",
        "cases/testby.yml:29: quotes[0].criteria[0]: 'K1' er koden til et kriterium: skriv id-en (K1 er 'eierskap')",
    ]


# (changes, the English line, the Norwegian line)
RULES = [
    pytest.param([("    attribution: {nb: Testby kommune, en: Testby Municipality}\n", "    informant: ukjent\n")],
                 "cases/testby.yml:28: quotes[0].informant: unknown informant 'ukjent' in this case (known: kari-publisert, radgiver)",
                 "cases/testby.yml:28: quotes[0].informant: ukjent informant 'ukjent' i denne casen (kjente: kari-publisert, radgiver)",
                 id="unknown informant, nothing close"),
    pytest.param([("    perspective: ledelse\n    criteria: [eierskap]\n    page: 25", "    informant: radgiver\n    perspective: ledelse\n"
                   "    criteria: [eierskap]\n    page: 25")],
                 "cases/testby.yml:28: quotes[0].attribution: a quote has 'informant' or 'attribution', not both "
                 "(delete 'attribution': it comes from the informant's record)",
                 "cases/testby.yml:28: quotes[0].attribution: et sitat har 'informant' eller 'attribution', ikke begge "
                 "(slett 'attribution': den hentes fra opplysningene om informanten)",
                 id="informant and attribution"),
    pytest.param([("  - id: radgiver", "  - id: kari-publisert")],
                 "cases/testby.yml:37: informants[1].id: duplicate id 'kari-publisert' in this case (also used at informants[0])",
                 "cases/testby.yml:37: informants[1].id: id-en 'kari-publisert' er brukt to ganger i denne casen (også brukt ved informants[0])",
                 id="duplicate informant id"),
    pytest.param([("    criteria: [eierskap]\n    page: 25", "    criteria: [K7]\n    page: 25")],
                 "cases/testby.yml:30: quotes[0].criteria[0]: 'K7' is a criterion's code: write its id (no criterion has number 7)",
                 "cases/testby.yml:30: quotes[0].criteria[0]: 'K7' er koden til et kriterium: skriv id-en (ingen kriterier har nummer 7)",
                 id="criterion code without a criterion"),
    pytest.param([("  - id: radgiver\n", "  - id: radgiver\n    name: Ola Hemmelig\n")],
                 "cases/testby.yml:38: informants[1].name: the name of an informant with 'publish_name: false' may not be committed "
                 "(delete the name: the repository is public; the role is enough)",
                 "cases/testby.yml:38: informants[1].name: navnet på en informant med 'publish_name: false' skal ikke legges inn "
                 "(slett navnet: repositoriet er offentlig; rollen er nok)",
                 id="unpublished name committed"),
    pytest.param([("    name: Kari Publisert\n", "")],
                 "cases/testby.yml:33: informants[0].name: required field is missing when 'publish_name' is true "
                 "(add 'name:', or set 'publish_name: false')",
                 "cases/testby.yml:33: informants[0].name: obligatorisk felt mangler når 'publish_name' er true "
                 "(legg til 'name:', eller sett 'publish_name: false')",
                 id="published name missing"),
]


@pytest.mark.unit
@pytest.mark.parametrize(("changes", "english", "norwegian"), RULES)
def test_informant_and_quote_rules(content, capsys, changes, english, norwegian):
    edit(content, *changes)
    assert check(content, capsys) == [english]


@pytest.mark.unit
@pytest.mark.parametrize(("changes", "english", "norwegian"), RULES)
def test_informant_and_quote_rules_in_norwegian(content, capsys, changes, english, norwegian):
    edit(content, *changes)
    assert check_nb(content, capsys) == [norwegian]


@pytest.mark.unit
@pytest.mark.parametrize(("speaker", "nb", "en"), [
    ("    informant: kari-publisert\n", "— Kari Publisert, Rådmann, Testby kommune", "— Kari Publisert, Chief executive, Testby Municipality"),
    ("    informant: radgiver\n", "— Rådgiver, Testby kommune", "— Adviser, Testby Municipality"),
    ("", "— Testby kommune", "— Testby Municipality"),  # neither: the case organisation, as the report attributes most quotes
], ids=["published informant", "unpublished informant", "no attribution"])
def test_the_attribution_comes_from_the_informants_record(content, speaker, nb, en):
    from kb.pipeline import load_content
    from kb.render import render_site

    edit(content, ("    attribution: {nb: Testby kommune, en: Testby Municipality}\n", speaker))
    loaded = load_content(content)
    assert loaded.ok(strict=True), loaded.issues
    for lang, expected in (("nb", nb), ("en", en)):
        pages = render_site(loaded.catalog, lang)
        assert f"{expected}, " in pages["cases/testby.md"]
        assert f" {expected}\n" in pages["quotes.md"] + "\n"  # the list of every quote
