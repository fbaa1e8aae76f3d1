"""Editors' messages are data (kb/messages.py): every template the code uses has its translation in
every language file that declares messages, with the same placeholders; the language comes from
`--lang` or the locale; and a message said in Norwegian reads as the English one does."""

from __future__ import annotations

import ast
import pickle

import pytest
from conftest import REPO

from kb.kinds import record_kinds
from kb.labels import LANGUAGES
from kb.messages import PARAMETER, Msg, editor_language, message_from_json, message_to_json, msg, translate

pytestmark = pytest.mark.unit

SOURCES = sorted([*(REPO / "kb").rglob("*.py"), *(REPO / "hooks").glob("*.py")])
TRANSLATED = [code for code, file in LANGUAGES.items() if file.messages]


def msg_calls() -> list[tuple[str, ast.Call]]:
    """Every call of `msg(…)` in kb/ and hooks/, with the file it is in."""
    calls = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg":
                calls.append((path.relative_to(REPO).as_posix(), node))
    return calls


def templates() -> set[str]:
    """The templates of the code, and data said as templates of their own: the kinds' names and
    plurals ("unknown criterion 'x'", the validate summary) and the languages' English names
    ("English translation is missing")."""
    found = {call.args[0].value for _path, call in msg_calls() if call.args and isinstance(call.args[0], ast.Constant)}
    languages = {file.language.english_name for file in LANGUAGES.values()}
    return found | {kind.plural for kind in record_kinds()} | {kind.name for kind in record_kinds()} | languages


def placeholders(template: str) -> set[str]:
    return set(PARAMETER.findall(template))


def test_every_message_is_a_literal_template_the_scan_can_find():
    dynamic = [f"{path}:{call.lineno}" for path, call in msg_calls()
               if not (call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))]
    assert dynamic == []
    assert len(templates()) > 80


def test_some_language_translates_the_messages():
    assert "nb" in TRANSLATED


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_template_has_a_translation_with_the_same_placeholders(code):
    messages = LANGUAGES[code].messages
    assert sorted(templates() - set(messages)) == []
    assert {t: placeholders(messages[t]) for t in templates() if placeholders(messages[t]) != placeholders(t)} == {}


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_translation_is_left_over(code):
    assert sorted(set(LANGUAGES[code].messages) - templates()) == []


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "nb_NO.UTF-8"}, "nb"), ({"LANG": "no_NO"}, "nb"), ({"LANG": "nn_NO.UTF-8"}, "nb"),
    ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "de_DE.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({}, "en"),
    ({"LANG": "nb_NO.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "nb_NO.UTF-8"}, "nb"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": ""}, "en"),
    # What `python -m kb --lang nb serve` hands the MkDocs hook, over the locale; a language that is not there is ignored.
    ({"KB_MESSAGES_LANG": "nb", "LC_ALL": "en_US.UTF-8"}, "nb"), ({"KB_MESSAGES_LANG": "xx", "LANG": "nb_NO.UTF-8"}, "nb"),
])
def test_the_locale_chooses_the_language(environ, lang):
    assert editor_language(None, environ) == lang


def test_the_option_wins_over_the_locale():
    assert editor_language("en", {"LC_ALL": "nb_NO.UTF-8"}) == "en"
    assert editor_language("nb", {"LANG": "en_GB.UTF-8"}) == "nb"


def test_a_message_is_its_english_text_and_is_said_in_norwegian_with_its_parameters():
    hint = msg("did you mean '{name}'?", name="number")
    message = msg("unknown field '{name}'", name="numbr")
    assert (message, hint) == ("unknown field 'numbr'", "did you mean 'number'?")
    assert (translate(message, "nb"), translate(hint, "nb")) == ("ukjent felt 'numbr'", "mente du 'number'?")
    # A parameter that is a message is said in the same language.
    nested = msg("expected {expected}, got {got}", expected=msg("a number"), got=msg("text"))
    assert (nested, translate(nested, "nb")) == ("expected a number, got text", "forventet et tall, fikk tekst")


def test_a_plain_string_is_shown_as_it_is_in_every_language():
    assert translate("unknown criterion 'x'", "nb") == "unknown criterion 'x'"
    assert translate(msg("no such template here"), "nb") == "no such template here"
    assert translate(None, "nb") == ""


def test_a_parameter_is_not_read_as_a_template():
    sneaky = msg("unknown field '{name}'", name="{name} {__class__}")
    assert translate(sneaky, "nb") == "ukjent felt '{name} {__class__}'"


def test_a_message_survives_the_cache_and_the_worker_processes():
    message = msg("expected {expected}, got {got}", expected=msg("a number"), got="x")
    for copy in (message_from_json(message_to_json(message)), pickle.loads(pickle.dumps(message))):
        assert isinstance(copy, Msg) and copy == message
        assert translate(copy, "nb") == "forventet et tall, fikk x"
    assert message_from_json("plain") == "plain"
    with pytest.raises((TypeError, ValueError)):
        message_from_json([1, 2])
