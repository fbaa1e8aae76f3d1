"""The loader and validator: one test per kind of mistake, asserting the exact line an editor reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import validate

from kb.cli import main

pytestmark = pytest.mark.unit


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_fixture_is_valid(content, capsys):
    assert validate(content, capsys) == (0, [])


def test_unknown_key_suggests_the_right_one(content, capsys):
    edit(content / "cases/testby.yml", "    criteria: [eierskap]\n    pages: [25]", "    critera: [eierskap]\n    pages: [25]")
    assert validate(content, capsys) == (1, [
        "cases/testby.yml:17: observations[0].critera: unknown field 'critera' (did you mean 'criteria'?)",
    ])


def test_unknown_top_level_key_without_close_match_lists_allowed(content, capsys):
    edit(content / "criteria/involvering.yml", "pages: [6]", "pages: [6]\nzzz: 1")
    status, lines = validate(content, capsys)
    assert status == 1
    assert lines == [
        "criteria/involvering.yml:9: zzz: unknown field 'zzz' (allowed: editor_note, id, meaning, number, pages, perspectives, rationale, short_title, source_note, summary, title)",
    ]


def test_missing_required_field(content, capsys):
    edit(content / "criteria/involvering.yml", "short_title: {nb: Involvering, en: Involvement}\n", "")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:1: short_title: required field is missing (add 'short_title:')"])


def test_missing_nested_field_points_at_its_parent(content, capsys):
    edit(content / "cases/testby.yml", "    title: {nb: Ansatte er med, en: Employees take part}\n", "")
    assert validate(content, capsys) == (1, ["cases/testby.yml:19: observations[1].title: required field is missing (add 'title:')"])


def test_wrong_type_string_for_number(content, capsys):
    edit(content / "criteria/eierskap.yml", "number: 1", 'number: "1"')
    assert validate(content, capsys) == (1, ["criteria/eierskap.yml:2: number: expected a number, got text"])


def test_wrong_type_list_for_text_pair(content, capsys):
    edit(content / "criteria/eierskap.yml", "short_title: {nb: Eierskap, en: Ownership}", "short_title: [Eierskap, Ownership]")
    assert validate(content, capsys) == (1, ["criteria/eierskap.yml:4: short_title: expected a text pair {nb: …, en: …}, got a list"])


def test_wrong_type_text_for_list(content, capsys):
    edit(content / "criteria/eierskap.yml", "perspectives: [ledelse]", "perspectives: ledelse")
    assert validate(content, capsys) == (1, ["criteria/eierskap.yml:8: perspectives: expected a list, got text"])


def test_value_not_allowed_suggests(content, capsys):
    edit(content / "cases/testby.yml", "kind: kommune", "kind: komune")
    assert validate(content, capsys) == (1, ["cases/testby.yml:3: kind: 'komune' is not allowed (did you mean 'kommune'?)"])


def test_page_outside_the_report(content, capsys):
    edit(content / "criteria/involvering.yml", "pages: [6]", "pages: [6, 84]")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:8: pages[1]: page 84 is outside the report (1–83)"])


def test_missing_norwegian_text(content, capsys):
    edit(content / "criteria/involvering.yml", "{nb: Medarbeidere må tas med., en: Employees must be brought along.}", "{en: Employees must be brought along.}")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:5: summary.nb: required field is missing (add 'nb:')"])


def test_missing_english_is_a_warning_and_strict_makes_it_an_error(content, capsys):
    edit(content / "criteria/involvering.yml", "{nb: Det betyr medvirkning., en: It means participation.}", "{nb: Det betyr medvirkning.}")
    expected = ["criteria/involvering.yml:6: meaning.en: warning: English translation is missing (add 'en:' next to 'nb:')"]
    assert validate(content, capsys) == (0, expected)
    assert validate(content, capsys, "--strict") == (1, expected)


def test_id_must_equal_file_name(content, capsys):
    edit(content / "criteria/involvering.yml", "id: involvering", "id: involvering-alle")
    assert validate(content, capsys) == (1, [
        "criteria/involvering.yml:1: id: id 'involvering-alle' differs from the file name (use 'involvering' or rename the file)",
    ])


def test_duplicate_id_across_files(content, capsys):
    text = (content / "criteria/involvering.yml").read_text("utf-8")
    (content / "criteria/involvering2.yml").write_text(text.replace("number: 2", "number: 3"), "utf-8")
    status, lines = validate(content, capsys)
    assert status == 1
    assert lines == [
        "criteria/involvering2.yml:1: id: duplicate criterion id 'involvering': it is the id of criteria/involvering.yml (use 'involvering2', the file name)",
    ]


def test_duplicate_observation_id_in_a_case(content, capsys):
    edit(content / "cases/testby.yml", "  - id: ansatte-med", "  - id: ledelsen-eier")
    assert validate(content, capsys) == (1, [
        "cases/testby.yml:19: observations[1].id: duplicate id 'ledelsen-eier' in this case (also used at observations[0])",
    ])


def test_unknown_criterion_reference_suggests(content, capsys):
    edit(content / "cases/testby.yml", "criteria: [involvering, eierskap]", "criteria: [involvering, eierskapp]")
    assert validate(content, capsys) == (1, [
        "cases/testby.yml:23: observations[1].criteria[1]: unknown criterion 'eierskapp' (did you mean 'eierskap'?)",
    ])


def test_unknown_perspective_reference(content, capsys):
    edit(content / "content/findings/funn-eierskap.yml", "perspective: ledelse", "perspective: gevinst")
    assert validate(content, capsys) == (1, [
        "content/findings/funn-eierskap.yml:5: perspective: unknown perspective 'gevinst' (known: hr, ledelse)",
    ])


def test_unknown_record_link_in_markdown(content, capsys):
    edit(content / "criteria/eierskap.yml", "Se [Testby](case:testby).", "Se [Testby](case:testbyy).")
    assert validate(content, capsys) == (1, [
        "criteria/eierskap.yml:6: summary.nb: unknown case 'testbyy' (did you mean 'testby'?)",
    ])


def test_unknown_record_link_in_a_hand_written_page(content, capsys):
    (content / "content/en/index.md").write_text("# Home\n\nSee [x](criterion:eierskab).\n", "utf-8")
    assert validate(content, capsys) == (1, [
        "content/en/index.md:3: unknown criterion 'eierskab' in link (did you mean 'eierskap'?)",
    ])


def test_hand_written_page_missing_in_one_language(content, capsys):
    (content / "content/nb/om.md").write_text("# Om\n", "utf-8")
    assert validate(content, capsys) == (1, ["content/nb/om.md: page has no en version (add content/en/om.md)"])


def test_empty_file(content, capsys):
    (content / "criteria/involvering.yml").write_text("\n# only a comment\n", "utf-8")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:1: file is empty (a record needs at least an 'id' field)"])


def test_not_utf8(content, capsys):
    (content / "criteria/involvering.yml").write_bytes("id: involvering\ntitle: {nb: Tr\u00f8ndelag}\n".encode("latin-1"))
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:2: file is not valid UTF-8 (save it with UTF-8 encoding)"])


def test_yaml_syntax_error_points_at_its_cause(content, capsys):
    edit(content / "criteria/involvering.yml", "perspectives: [hr]", 'perspectives: [hr\nextra: "unclosed')
    assert validate(content, capsys) == (1, [
        "criteria/involvering.yml:7:15: YAML syntax error: this '[' is never closed"
        " (close it with ']' on the same line; put a text with a comma in quotes)",
        "  7 | perspectives: [hr",
        "    |               ^",
    ])


def test_duplicate_key(content, capsys):
    edit(content / "criteria/involvering.yml", "number: 2", "number: 2\nnumber: 3")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:3: number: field 'number' appears twice in the same mapping (keep one)"])


def test_a_misspelt_required_field_is_one_issue_not_two(content, capsys):
    edit(content / "criteria/involvering.yml", "number: 2", "numbr: 2")
    assert validate(content, capsys) == (1, ["criteria/involvering.yml:2: numbr: unknown field 'numbr' (did you mean 'number'?)"])


def test_every_problem_of_a_run_is_reported_sorted(content, capsys):
    edit(content / "criteria/involvering.yml", "number: 2", "numbr: 2")
    edit(content / "cases/testby.yml", "kind: kommune", "kind: by")
    (content / "criteria/tom.yml").write_text("", "utf-8")
    status, lines = validate(content, capsys)
    assert status == 1
    assert [line.split(":")[0] for line in lines] == ["cases/testby.yml", "criteria/involvering.yml", "criteria/tom.yml"]


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "[x](javascript:alert(1))"])
def test_unsafe_markdown_is_rejected(content, capsys, payload):
    edit(content / "criteria/eierskap.yml", "Ledelsen må eie omstillingen.", f"Ledelsen må eie omstillingen. {payload}")
    status, lines = validate(content, capsys)
    assert status == 1 and len(lines) == 1 and lines[0].startswith("criteria/eierskap.yml:6: summary.nb: ")


def test_unknown_overview_block_in_a_page(content, capsys):
    (content / "content/nb/index.md").write_text("# Forside\n\n<!-- kb:criteria-overveiw -->\n", "utf-8")
    assert validate(content, capsys) == (1, [
        "content/nb/index.md:3: unknown overview block 'kb:criteria-overveiw' (did you mean 'criteria-overview'?)",
    ])


def validate_nb(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """`python -m kb --lang nb validate --strict`: the issue lines, in Norwegian."""
    main(["--lang", "nb", "--root", str(root), "validate", "--strict", "--no-cache"])
    return [line for line in capsys.readouterr().err.splitlines() if not line.startswith("validate:")]


def copy_criterion(root: Path) -> None:
    text = (root / "criteria/involvering.yml").read_text("utf-8")
    (root / "criteria/involvering2.yml").write_text(text.replace("number: 2", "number: 3"), "utf-8")


# (file, text in the valid fixture, what the editor wrote instead, the Norwegian lines); file None: a setup of its own.
IN_NORWEGIAN = [
    pytest.param("criteria/involvering.yml", "id: involvering", "id: involvering-alle",
                 ["criteria/involvering.yml:1: id: id-en 'involvering-alle' er ikke den samme som filnavnet (bruk 'involvering', eller gi filen nytt navn)"],
                 id="id differs from the file name"),
    pytest.param(None, None, copy_criterion,
                 ["criteria/involvering2.yml:1: id: id-en 'involvering' (kriterium) er allerede i bruk: den er id-en til criteria/involvering.yml "
                  "(bruk 'involvering2', filnavnet)"],
                 id="duplicate id across files"),
    pytest.param("criteria/involvering.yml", "number: 2", "number: 1",
                 ["criteria/involvering.yml:2: number: nummer 1 brukes også av 'eierskap' (hvert kriterium har sitt eget nummer)"],
                 id="number used twice"),
    pytest.param("cases/testby.yml", "criteria: [involvering, eierskap]", "criteria: [involvering, eierskapp]",
                 ["cases/testby.yml:23: observations[1].criteria[1]: ukjent kriterium 'eierskapp' (mente du 'eierskap'?)"],
                 id="unknown criterion"),
    pytest.param("content/findings/funn-eierskap.yml", "perspective: ledelse", "perspective: gevinst",
                 ["content/findings/funn-eierskap.yml:5: perspective: ukjent perspektiv 'gevinst' (kjente: hr, ledelse)"],
                 id="unknown perspective, the known ones listed"),
    pytest.param("cases/testby.yml", "criteria: [involvering, eierskap]", "criteria: [involvering, involvering]",
                 ["cases/testby.yml:23: observations[1].criteria[1]: kriterium 'involvering' står to ganger i listen (fjern det ene)"],
                 id="criterion listed twice"),
    pytest.param("criteria/eierskap.yml", "Se [Testby](case:testby).", "Se [Testby](case:testbyy).",
                 ["criteria/eierskap.yml:6: summary.nb: ukjent case 'testbyy' (mente du 'testby'?)"],
                 id="unknown record link"),
    pytest.param("criteria/eierskap.yml", "(case:testby)", "(cases:testby)",
                 ["criteria/eierskap.yml:6: summary.nb: ukjent lenketype 'cases:' (mente du 'case'?)"],
                 id="unknown link type"),
    pytest.param("criteria/eierskap.yml", "(case:testby)", "(javascript:alert)",
                 ["criteria/eierskap.yml:6: summary.nb: usikker lenke 'javascript:alert' (lenker kan bare gå til https://…-adresser eller til andre poster)"],
                 id="unsafe link"),
    pytest.param("criteria/involvering.yml", "short_title: {nb: Involvering,", "short_title: {nb: <i>Involvering</i>,",
                 ["criteria/involvering.yml:4: short_title.nb: '<' og '>' er ikke tillatt i vanlig tekst (utelat dem, eller skriv ordene (mindre enn, større enn))"],
                 id="markup in plain text"),
    pytest.param("criteria/involvering.yml", "{nb: Det betyr medvirkning., en: It means participation.}", "{nb: Det betyr medvirkning.}",
                 ["criteria/involvering.yml:6: meaning.en: advarsel: oversettelsen til engelsk mangler (legg til 'en:' ved siden av 'nb:')"],
                 id="translation missing"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), IN_NORWEGIAN)
def test_the_mistakes_between_records_and_in_texts_in_norwegian(content, capsys, file, old, new, expected):
    if file is None:
        new(content)
    else:
        edit(content / file, old, new)
    assert validate_nb(content, capsys) == expected


def test_a_hand_written_page_in_norwegian(content, capsys):
    (content / "content/nb/om.md").write_text("---\ntitle: Om\n---\n# Om\n\n<!-- kb:criteria-overveiw -->\n\nSe [x](../../mkdocs.yml).\n", "utf-8")
    assert validate_nb(content, capsys) == [
        "content/nb/om.md: lenken '../../mkdocs.yml' fører ut av nettstedet (lenk til en side på nettstedet, for eksempel about.md)",
        "content/nb/om.md: siden har ingen en-versjon (legg til content/en/om.md)",
        "content/nb/om.md:2: title: ukjent felt 'title' i front matter (bare 'description' brukes)",
        "content/nb/om.md:6: ukjent oversiktsblokk 'kb:criteria-overveiw' (mente du 'criteria-overview'?)",
    ]
