"""A corpus of broken and hostile inputs: each is one defect in an otherwise valid fixture.

For every case, in this process: `validate --strict` prints exactly the expected lines
(file:line: field: message (hint)) and exits 1, the same when its facts come from the cache and
when it reads every file, and `build` (STRICT=1) prints exactly them too, exits 1 and writes nothing
to site/. One case of each sort (YAML, shape, reference, hand page, strict warning) also goes
through `python -m kb build` as an editor runs it: the same lines, no traceback, nothing built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import kb_env, run, validate

from kb.cli import main

CASE = "cases/testby.yml"
CRITERION = "criteria/involvering.yml"
FINDING = "content/findings/funn-eierskap.yml"
TERM = "content/glossary/eierskap.yml"


@dataclass(frozen=True)
class Bad:
    name: str
    change: Callable[[Path], None]
    expected: list[str]


def edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        text = (root / file).read_text("utf-8")
        assert old in text, f"fixture no longer contains {old!r}"
        (root / file).write_text(text.replace(old, new, 1), "utf-8")
    return change


def write(file: str, content: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return change


def copy(source: str, target: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / target).write_bytes((root / source).read_bytes())
    return change


OBSERVATION = "    perspective: ledelse\n    title: {nb: Ledelsen eier arbeidet, en: Management owns the work}"
NESTED = "id: involvering\nx: " + "[" * 40 + "]" * 40 + "\n"
LAUGHS = "id: involvering\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
HOSTILE_SUMMARY = "Ledelsen må eie omstillingen."

CORPUS = [
    # --- YAML that cannot be read
    Bad("yaml unclosed quote", edit(CRITERION, "short_title: {nb: Involvering", 'short_title: {nb: "Involvering'), [
        "criteria/involvering.yml:4:19: YAML syntax error: this quote is never closed (end the text with the same quote mark)",
        '  4 | short_title: {nb: "Involvering, en: Involvement}',
        "    |                   ^"]),
    Bad("yaml bad indentation", edit(CASE, OBSERVATION, OBSERVATION.replace("    title", "   title")), [
        "cases/testby.yml:15:4: YAML syntax error: this line starts in column 4, the line above in column 5 (fields that belong together start in the same column)",
        "  15 |    title: {nb: Ledelsen eier arbeidet, en: Management owns the work}",
        "     |    ^"]),
    Bad("yaml tab indentation", edit(CASE, "    perspective: ledelse\n    title: {nb: Ledelsen", "\tperspective: ledelse\n    title: {nb: Ledelsen"), [
        "cases/testby.yml:14:1: YAML syntax error: a tab in the indentation (indent with spaces, not tabs)",
        "  14 | \\tperspective: ledelse",
        "     | ^"]),
    Bad("duplicate key", edit(CRITERION, "number: 2", "number: 2\nnumber: 3"), [
        "criteria/involvering.yml:3: number: field 'number' appears twice in the same mapping (keep one)"]),
    Bad("empty file", write(CRITERION, ""), [
        "criteria/involvering.yml:1: file is empty (a record needs at least an 'id' field)"]),
    Bad("comments only", write(CRITERION, "# nothing here yet\n"), [
        "criteria/involvering.yml:1: file is empty (a record needs at least an 'id' field)"]),
    Bad("not utf-8", write(CRITERION, "id: involvering\ntitle: {nb: Tr\u00f8ndelag}\n".encode("latin-1")), [
        "criteria/involvering.yml:2: file is not valid UTF-8 (save it with UTF-8 encoding)"]),
    Bad("byte-order mark", write(CRITERION, b"\xef\xbb\xbfid: involvering\n"), [
        "criteria/involvering.yml:1: file starts with a byte-order mark (save it as UTF-8 without BOM)"]),
    Bad("top level is a list", write(CRITERION, "- id: involvering\n"), [
        "criteria/involvering.yml:1: expected a mapping of fields (name: value)"]),
    Bad("field name is a number", edit(CRITERION, "number: 2", "number: 2\n7: x"), [
        "criteria/involvering.yml:3: field names must be plain text"]),
    Bad("tag on a list", edit(CRITERION, "perspectives: [hr]", "perspectives: !!set [hr]"), [
        "criteria/involvering.yml:7: perspectives: unsupported YAML value: could not determine a constructor for the tag 'tag:yaml.org,2002:set' (use plain text, numbers, lists and mappings)"]),
    Bad("tagged number that is not one", edit(CRITERION, "number: 2", "number: !!int two"), [
        "criteria/involvering.yml:2: number: 'two' is not a valid !!int (remove the tag and write the value plainly)"]),
    Bad("tagged yes-or-no that is not one", edit(CRITERION, "number: 2", "number: 2\nflag: !!bool maybe"), [
        "criteria/involvering.yml:3: flag: 'maybe' is not a valid !!bool (remove the tag and write the value plainly)"]),
    Bad("merge key", edit(CRITERION, "number: 2", "number: 2\n<<: {x: 1}"), [
        "criteria/involvering.yml:3: YAML merge keys ('<<') are not allowed (write the fields out in full)"]),
    Bad("deeply nested", write(CRITERION, NESTED), [
        "criteria/involvering.yml:2: x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nested more than 20 levels deep"]),
    Bad("billion laughs", write(CRITERION, LAUGHS), [
        "criteria/involvering.yml:2: b[0]: YAML anchors and aliases are not allowed (write the value out in full)"]),
    Bad("python object tag", edit(CRITERION, "number: 2", "number: !!python/object:os.system 2"), [
        "criteria/involvering.yml:2: number: unsupported YAML value: could not determine a constructor for the tag 'tag:yaml.org,2002:python/object:os.system' (use plain text, numbers, lists and mappings)"]),
    # --- wrong types and missing values
    Bad("string for a number", edit(CRITERION, "number: 2", 'number: "2"'), [
        "criteria/involvering.yml:2: number: expected a number, got text"]),
    Bad("list for a text pair", edit(CRITERION, "short_title: {nb: Involvering, en: Involvement}", "short_title: [Involvering, Involvement]"), [
        "criteria/involvering.yml:4: short_title: expected a text pair {nb: …, en: …}, got a list"]),
    Bad("number for a text", edit(CRITERION, "short_title: {nb: Involvering,", "short_title: {nb: 5,"), [
        "criteria/involvering.yml:4: short_title.nb: expected text, got a number"]),
    Bad("text for true/false", edit(CASE, "publish_name: true", 'publish_name: "yes"'), [
        "cases/testby.yml:36: informants[0].publish_name: expected true/false, got text"]),
    Bad("missing Norwegian text", edit(CRITERION, "{nb: Medarbeidere må tas med., en:", "{en:"), [
        "criteria/involvering.yml:5: summary.nb: required field is missing (add 'nb:')"]),
    Bad("missing English text (strict)", edit(CRITERION, "{nb: Det betyr medvirkning., en: It means participation.}", "{nb: Det betyr medvirkning.}"), [
        "criteria/involvering.yml:6: meaning.en: warning: English translation is missing (add 'en:' next to 'nb:')"]),
    Bad("missing required field", edit(CRITERION, "pages: [6]", ""), [
        "criteria/involvering.yml:1: pages: required field is missing (add 'pages:')"]),
    Bad("publish_name not given", edit(CASE, "    publish_name: true\n", ""), [
        "cases/testby.yml:33: informants[0].publish_name: required field is missing (add 'publish_name:')"]),
    Bad("empty text", edit(CRITERION, "short_title: {nb: Involvering,", 'short_title: {nb: "",'), [
        "criteria/involvering.yml:4: short_title.nb: text is empty"]),
    Bad("absurdly long text", edit(CRITERION, "Det betyr medvirkning.", "Ord " * 6000), [
        "criteria/involvering.yml:6: meaning.nb: text is longer than 20000 characters (split it or shorten it)"]),
    Bad("page before the report", edit(CRITERION, "pages: [6]", "pages: [0]"), [
        "criteria/involvering.yml:8: pages[0]: page 0 is outside the report (1–83)"]),
    Bad("page after the report", edit(CASE, "    page: 25\nsummary", "    page: 84\nsummary"), [
        "cases/testby.yml:8: key_figures[0].page: page 84 is outside the report (1–83)"]),
    Bad("case without observations", edit(CASE, "observations:\n", "observations: []\nold_observations:\n"), [
        "cases/testby.yml:12: observations: list must not be empty",
        "cases/testby.yml:13: old_observations: unknown field 'old_observations' (did you mean 'observations'?)"]),
    Bad("kind not allowed", edit(CASE, "kind: kommune", "kind: fylkeskommune"), [
        "cases/testby.yml:3: kind: 'fylkeskommune' is not allowed (did you mean 'kommune'?)"]),
    Bad("id with capitals", edit(CASE, "  - id: ledelsen-eier", "  - id: Ledelsen_Eier"), [
        "cases/testby.yml:13: observations[0].id: 'Ledelsen_Eier' is not a valid id (use lower-case a–z, digits and hyphens, e.g. 'ledelsen-eier')"]),
    # --- unknown keys at every level
    Bad("unknown key, top level", edit(CRITERION, "number: 2", "numbr: 2"), [
        "criteria/involvering.yml:2: numbr: unknown field 'numbr' (did you mean 'number'?)"]),
    Bad("unknown key in an observation", edit(CASE, "    criteria: [eierskap]\n    pages: [25]", "    critera: [eierskap]\n    pages: [25]"), [
        "cases/testby.yml:17: observations[0].critera: unknown field 'critera' (did you mean 'criteria'?)"]),
    Bad("unknown key in a quote", edit(CASE, "    attribution:", "    atribution:"), [
        "cases/testby.yml:28: quotes[0].atribution: unknown field 'atribution' (did you mean 'attribution'?)"]),
    Bad("unknown key in an informant", edit(CASE, "    role: {nb: Rådmann", "    rolle: {nb: Rådmann"), [
        "cases/testby.yml:35: informants[0].rolle: unknown field 'rolle' (did you mean 'role'?)"]),
    Bad("unknown key in a key figure", edit(CASE, "    as_of: 2017", "    asof: 2017"), [
        "cases/testby.yml:7: key_figures[0].asof: unknown field 'asof' (did you mean 'as_of'?)"]),
    Bad("unknown key in a text pair", edit(CRITERION, "en: Involvement}", "en: Involvement, nn: Involvering}"), [
        "criteria/involvering.yml:4: short_title.nn: unknown field 'nn' (allowed: en, nb)"]),
    Bad("unknown key in term variants", edit(TERM, "en: [owning]}", "en: [owning], se: [x]}"), [
        "content/glossary/eierskap.yml:3: variants.se: unknown field 'se' (allowed: en, nb)"]),
    # --- references to records that do not exist, at every level
    Bad("unknown criterion in an observation", edit(CASE, "criteria: [involvering, eierskap]", "criteria: [involvering, eierskapp]"), [
        "cases/testby.yml:23: observations[1].criteria[1]: unknown criterion 'eierskapp' (did you mean 'eierskap'?)"]),
    Bad("unknown criterion in a quote", edit(CASE, "    perspective: ledelse\n    criteria: [eierskap]\n    page: 25", "    perspective: ledelse\n    criteria: [ledelse]\n    page: 25"), [
        "cases/testby.yml:30: quotes[0].criteria[0]: unknown criterion 'ledelse' (known: eierskap, involvering)"]),
    Bad("unknown perspective in an observation", edit(CASE, "    perspective: hr", "    perspective: hrr"), [
        "cases/testby.yml:20: observations[1].perspective: unknown perspective 'hrr' (did you mean 'hr'?)"]),
    Bad("unknown perspective in a criterion", edit(CRITERION, "perspectives: [hr]", "perspectives: [gevinst]"), [
        "criteria/involvering.yml:7: perspectives[0]: unknown perspective 'gevinst' (known: hr, ledelse)"]),
    Bad("unknown case in a finding", edit(FINDING, "cases: [testby]", "cases: [testbyen]"), [
        "content/findings/funn-eierskap.yml:7: cases[0]: unknown case 'testbyen' (did you mean 'testby'?)"]),
    Bad("unknown criterion in a term", edit(TERM, "criteria: [eierskap]", "criteria: [eierskab]"), [
        "content/glossary/eierskap.yml:5: criteria[0]: unknown criterion 'eierskab' (did you mean 'eierskap'?)"]),
    Bad("unknown record in a Markdown link", edit("criteria/eierskap.yml", "(case:testby)", "(case:testbyen)"), [
        "criteria/eierskap.yml:6: summary.nb: unknown case 'testbyen' (did you mean 'testby'?)"]),
    Bad("unknown anchor in a Markdown link", edit("criteria/eierskap.yml", "(case:testby)", "(case:testby#ledelsen-eir)"), [
        "criteria/eierskap.yml:6: summary.nb: case 'testby' has no observation or quote 'ledelsen-eir' (did you mean 'ledelsen-eier'?)"]),
    Bad("unknown link type", edit("criteria/eierskap.yml", "(case:testby)", "(cases:testby)"), [
        "criteria/eierskap.yml:6: summary.nb: unknown link type 'cases:' (did you mean 'case'?)"]),
    # --- ids
    Bad("id differs from the file name", edit(CRITERION, "id: involvering", "id: involvering-alle"), [
        "criteria/involvering.yml:1: id: id 'involvering-alle' differs from the file name (use 'involvering' or rename the file)"]),
    Bad("duplicate id across files", copy(CRITERION, "criteria/involvering-kopi.yml"), [
        "criteria/involvering-kopi.yml:1: id: duplicate criterion id 'involvering': it is the id of criteria/involvering.yml (use 'involvering-kopi', the file name)"]),
    Bad("duplicate observation id", edit(CASE, "  - id: ansatte-med", "  - id: ledelsen-eier"), [
        "cases/testby.yml:19: observations[1].id: duplicate id 'ledelsen-eier' in this case (also used at observations[0])"]),
    Bad("duplicate criterion number", edit(CRITERION, "number: 2", "number: 1"), [
        "criteria/involvering.yml:2: number: number 1 is also used by 'eierskap' (each criterion has its own number)"]),
    Bad("criterion listed twice", edit(CASE, "criteria: [involvering, eierskap]", "criteria: [involvering, involvering]"), [
        "cases/testby.yml:23: observations[1].criteria[1]: criterion 'involvering' is listed twice (remove one)"]),
    Bad("record links to itself", edit("criteria/eierskap.yml", "(case:testby)", "(criterion:eierskap)"), [
        "criteria/eierskap.yml:6: summary.nb: the text links to its own criterion 'eierskap' (link another record, or remove the link)"]),
    # --- hostile text
    Bad("script tag", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " <script>alert(1)</script>"), [
        "criteria/eierskap.yml:6: summary.nb: raw HTML is not allowed: '<script>' (write Markdown instead)"]),
    Bad("img onerror", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " <img src=x onerror=alert(1)>"), [
        "criteria/eierskap.yml:6: summary.nb: raw HTML is not allowed: '<img src=x onerror=alert(1)>' (write Markdown instead)"]),
    Bad("iframe", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " <iframe src=https://x.example>"), [
        "criteria/eierskap.yml:6: summary.nb: raw HTML is not allowed: '<iframe src=https://x.example>' (write Markdown instead)"]),
    Bad("javascript link", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " [x](javascript:alert(1))"), [
        "criteria/eierskap.yml:6: summary.nb: unsafe link 'javascript:alert' (links may only go to https://… addresses or other records)"]),
    Bad("javascript link with a tab", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " [x](java\tscript:alert(1))"), [
        "criteria/eierskap.yml:6: summary.nb: unsafe link 'java\\tscript:alert' (links may only go to https://… addresses or other records)"]),
    Bad("data link", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " [x](data:text/html;base64,PHNjcmlwdD4=)"), [
        "criteria/eierskap.yml:6: summary.nb: unsafe link 'data:text/html;base64,PHNjcmlwdD4=' (links may only go to https://… addresses or other records)"]),
    Bad("attribute with an event handler", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " [x](https://ks.no){onclick=alert(1)}"), [
        "criteria/eierskap.yml:6: summary.nb: attribute lists ('{: …}', '{#…}', '{.…}', '{…=…}') are not allowed (remove the braces)"]),
    Bad("link to a file outside the repository", edit("criteria/eierskap.yml", HOSTILE_SUMMARY, HOSTILE_SUMMARY + " [x](../../etc/passwd)"), [
        "criteria/eierskap.yml:6: summary.nb: link '../../etc/passwd' is neither a web address nor a record link (use https://… or criterion:<id>, perspective:<id>, case:<id>, finding:<id>, term:<id>)"]),
    Bad("page links outside the site", write("content/en/index.md", "# Home\n\n[x](../../mkdocs.yml)\n"), [
        "content/en/index.md: link '../../mkdocs.yml' leads outside the site (link a page of the site, e.g. about.md)"]),
    Bad("page with script", write("content/en/index.md", "# Home\n\n<script>alert(1)</script>\n"), [
        "content/en/index.md: raw HTML is not allowed: '<script>' (write Markdown instead)"]),
    Bad("page without its translation", write("content/nb/om.md", "# Om\n"), [
        "content/nb/om.md: page has no en version (add content/en/om.md)"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("bad", CORPUS, ids=[b.name for b in CORPUS])
def test_bad_input_is_reported_exactly_and_nothing_is_built(content, capsys, monkeypatch, bad):
    assert validate(content, capsys)[0] == 0  # the valid fixture's facts are now in the cache
    bad.change(content)
    assert validate(content, capsys, "--strict") == (1, bad.expected)  # the changed file is read again
    assert validate(content, capsys, "--strict") == (1, bad.expected)  # now everything from the cache
    assert validate(content, capsys, "--strict", "--no-cache") == (1, bad.expected)

    # The build reads the records its own way (every file, no cache); it stops before MkDocs runs.
    monkeypatch.setenv("STRICT", "1")
    assert main(["--root", str(content), "build"]) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if not line.startswith(("validate:", "build:"))] == bad.expected
    assert not (content / "site").exists() and not list(content.glob(".site-*"))


# One of each sort: YAML that cannot be read, a wrong shape, a reference across records, a
# hand-written page, and a warning that STRICT=1 makes an error.
THROUGH_THE_BUILD_COMMAND = ["yaml unclosed quote", "list for a text pair", "unknown criterion in an observation",
                             "page links outside the site", "missing English text (strict)"]


@pytest.mark.site
@pytest.mark.parametrize("name", THROUGH_THE_BUILD_COMMAND)
def test_the_build_command_stops_at_a_bad_input_and_builds_nothing(content, name):
    bad = next(b for b in CORPUS if b.name == name)
    bad.change(content)
    build = run(content, "build", env=kb_env(STRICT="1"))
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert [line for line in build.stderr.splitlines() if not line.startswith(("validate:", "build:"))] == bad.expected
    assert not (content / "site").exists() and not list(content.glob(".site-*"))


@pytest.mark.unit
def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 40
