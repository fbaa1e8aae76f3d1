"""Editors' messages as data: an English template and its parameters, said in a language at the edge.

A check writes `msg("unknown field '{name}'", name=key)`; the edge (`kb/cli.py`, the hook) says it
in the editor's language with `translate(message, lang)`. The translations are data: each
languages/<code>.yml may hold `messages:`, a mapping from the English template to its own (a
third language is one more file; tests/test_messages.py checks that none is missing).

A Msg is also a str, its English text, so code that handles plain strings (sorting, comparing,
the checks not yet converted) keeps working, and a plain str is shown as it is in every language.
Compose messages with parameters, never with `+` or an f-string: either gives a plain str, which
is English only.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from kb.labels import LANGS, LANGUAGES

# The language the templates are written in, and every editor's language unless asked otherwise.
TEMPLATE_LANG = "en"
# The language a command chose, for the processes it starts (`python -m kb --lang nb serve`: MkDocs' hook).
MESSAGES_ENV = "KB_MESSAGES_LANG"
# `{name}`: a parameter. Anything else in braces (`{nb: …, en: …}`) is text, so templates need no escaping.
PARAMETER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
Param = str | int


class Msg(str):
    """A message: its English text as a str, and the template and parameters to say it in others."""

    template: str
    params: dict[str, Param]

    def __new__(cls, template: str, params: Mapping[str, Param] | None = None) -> Msg:
        params = dict(params or {})
        self = super().__new__(cls, fill(template, params, TEMPLATE_LANG))
        self.template, self.params = template, params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # worker processes send their issues back pickled
        return (Msg, (self.template, self.params))


def msg(template: str, /, **params: Param) -> Msg:
    """A message for the editor. `template` is a literal in English (the translations are found by it);
    a parameter may itself be a message, said in the same language."""
    return Msg(template, params)


def listed(items: Sequence[str]) -> str:
    """`a, b, c` as one message, each item said in the language the whole is said in ("" for none)."""
    return functools.reduce(lambda before, after: msg("{before}, {after}", before=before, after=after), items) if items else ""


def fill(template: str, params: Mapping[str, Param], lang: str) -> str:
    """The template with each `{name}` replaced by its parameter said in `lang`; an unknown name stays."""

    def value(match: re.Match[str]) -> str:
        found = params.get(match[1])
        return match[0] if found is None else translate(found, lang) if isinstance(found, str) else str(found)

    return PARAMETER.sub(value, template)


def translate(message: str | None, lang: str) -> str:
    """`message` in `lang`: a Msg from its translated template (English where there is none), a plain str as it is."""
    if message is None:
        return ""
    if not isinstance(message, Msg):
        return str(message)
    if lang == TEMPLATE_LANG:
        return str(message)
    template = LANGUAGES[lang].messages.get(message.template, message.template) if lang in LANGUAGES else message.template
    return fill(template, message.params, lang)


def editor_language(requested: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language of the editor's messages: `requested` (`--lang`), else the one a parent command
    chose, else the locale's, else English.

    The locale is read as the C library does for messages: LC_ALL, then LC_MESSAGES, then LANG; a
    language file claims locales by their language part (`language.message_locales: [nb, no, nn]`)."""
    if requested:
        return requested
    if environ.get(MESSAGES_ENV) in LANGUAGES:
        return environ[MESSAGES_ENV]
    locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    code = re.split(r"[_.@-]", locale, maxsplit=1)[0].lower()
    return next((lang for lang in LANGS if code in LANGUAGES[lang].language.message_locales), TEMPLATE_LANG)


# The cache keeps issues as JSON: a plain str stays a str, a Msg becomes [template, {name: value}].


def message_to_json(message: str | None) -> Any:
    if isinstance(message, Msg):
        return [message.template, {name: message_to_json(value) if isinstance(value, str) else value for name, value in message.params.items()}]
    return message


def message_from_json(data: Any) -> Any:
    """Raises TypeError when `data` is not what `message_to_json` wrote."""
    if data is None or isinstance(data, str):
        return data
    template, params = data
    if not (isinstance(template, str) and isinstance(params, dict)):
        raise TypeError("not a message")
    values = {str(name): value if isinstance(value, int) else message_from_json(value) for name, value in params.items()}
    return Msg(template, values)
