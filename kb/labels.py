"""The site's languages and every fixed string the generated pages show, read from languages/*.yml."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from kb.locale_format import FigureFormat

# One file per language: its name, order, locale, the language its missing texts fall back to,
# and every label. A language is added by adding a file (tests/test_languages.py checks its keys).
LANGUAGES_FOLDER = Path(__file__).resolve().parent.parent / "languages"


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class LanguageInfo(_Strict):
    name: str  # in the language itself, for the language selector
    english_name: str  # in editors' messages ("English translation is missing")
    order: int  # in the language selector and the build; the source language is first
    locale: str  # Open Graph's og:locale
    fallback: str | None  # where a missing text comes from; None for the source language
    # Editors whose locale's language is one of these (LANG=nb_NO.UTF-8: "nb") get this file's messages.
    message_locales: list[str] = []


class LanguageFile(_Strict):
    language: LanguageInfo
    case_kinds: dict[str, str]
    labels: dict[str, str]
    # Editors' messages (kb/messages.py): English template -> this language's; without it, they are in English.
    messages: dict[str, str] = {}
    # How key figures are written (kb/locale_format.py); without it, as the report prints them.
    figures: FigureFormat | None = None


def load_languages(folder: Path = LANGUAGES_FOLDER) -> dict[str, LanguageFile]:
    """{code: language file} in the languages' order; a malformed file stops with its name and field."""
    languages = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            languages[path.stem] = LanguageFile.model_validate(yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader))
        except (yaml.YAMLError, ValidationError) as error:
            raise SystemExit(f"languages/{path.name}: {error}") from None
    return dict(sorted(languages.items(), key=lambda item: item[1].language.order))


LANGUAGES = load_languages()
Lang = str  # a code of LANGUAGES
LANGS: tuple[Lang, ...] = tuple(LANGUAGES)
LABELS: dict[str, dict[Lang, str]] = {
    key: {code: file.labels[key] for code, file in LANGUAGES.items() if key in file.labels} for key in next(iter(LANGUAGES.values())).labels
}
LABELS["language_name"] = {code: file.language.name for code, file in LANGUAGES.items()}
CASE_KINDS: dict[str, dict[Lang, str]] = {
    kind: {code: file.case_kinds[kind] for code, file in LANGUAGES.items() if kind in file.case_kinds} for kind in next(iter(LANGUAGES.values())).case_kinds
}
LOCALES: dict[Lang, str] = {code: file.language.locale for code, file in LANGUAGES.items()}
FIGURE_FORMATS: dict[Lang, FigureFormat | None] = {code: file.figures for code, file in LANGUAGES.items()}


def label(key: str, lang: Lang) -> str:
    return LABELS[key][lang]
