"""The site's languages are data (languages/*.yml): each file must give every label the source
language gives, with the same placeholders, and name a language to fall back to that exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kb.labels import LANGS, LANGUAGES, load_languages

pytestmark = pytest.mark.unit

SOURCE = LANGS[0]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_source_language_comes_first_and_every_fallback_exists():
    assert LANGUAGES[SOURCE].language.fallback is None
    for code, file in LANGUAGES.items():
        assert re.fullmatch(r"[a-z]{2,3}", code)
        if code != SOURCE:
            assert file.language.fallback in LANGUAGES


@pytest.mark.parametrize("code", [code for code in LANGS if code != SOURCE])
def test_every_language_has_every_label_with_the_same_placeholders(code):
    source, other = LANGUAGES[SOURCE], LANGUAGES[code]
    assert sorted(other.labels) == sorted(source.labels)
    assert sorted(other.case_kinds) == sorted(source.case_kinds)
    assert {key: placeholders(text) for key, text in other.labels.items()} == \
        {key: placeholders(text) for key, text in source.labels.items()}


def test_a_malformed_language_file_stops_with_its_name_and_field(tmp_path: Path):
    (tmp_path / "nn.yml").write_text("language: {name: Nynorsk, order: 3, locale: nn_NO}\nlabels: {}\n", "utf-8")
    with pytest.raises(SystemExit, match=r"languages/nn.yml: .*\n(.*\n)*language.fallback\n  Field required"):
        load_languages(tmp_path)
