"""Key figures in a reader's language: the report prints them the Norwegian way, and the records
keep them exactly so ("MRD 19,6", "279 914", "1.6.2016"). A language with `figures:` in its
languages/<code>.yml shows them in its own conventions ("NOK 19.6 billion", "279,914",
"1 June 2016"); the source language, which has none, shows them as printed.

Pure functions of the printed value and the language's rules. A value in no shape this module
knows ("[…]", "1976, røtter tilbake til 1839") is left as printed, never guessed at.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict


class FigureFormat(BaseModel):
    """How a language writes numbers, amounts and dates (languages/<code>.yml, `figures:`)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    thousands: str  # between groups of three digits: "," (the report: a space)
    decimal: str  # before the decimals: "." (the report: a comma)
    # An ungrouped number this long or longer is grouped ("50117" → "50,117"); a shorter one
    # ("1967", "1200") is left alone: the report prints years so, and a count reads the same.
    group_from_digits: int
    billions: str  # the report's "MRD 19,6": "NOK {number} billion"
    millions: str  # the report's "MILL 12" / "MNOK 12": "NOK {number} million"
    percent: str  # the report's "37 %": "{number}%"
    date: str  # the report's "1.6.2016": "{day} {month} {year}"
    months: list[str]  # January … December


# A number as the report prints it: digits grouped by spaces (also no-break or thin spaces), or
# not grouped, with decimals after a comma, or after a point followed by one or two digits (a point
# before three digits could be a thousands separator: such a value is left as printed).
NUMBER = r"(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<dec>\d+)|\.(?P<pdec>\d{1,2}))?"
NUMBER_RE = re.compile(NUMBER)
AMOUNT_RE = re.compile(rf"(?P<unit>MRD|MILL|MNOK)\.? {NUMBER}", re.IGNORECASE)
PERCENT_RE = re.compile(rf"{NUMBER} ?%")
DATE_RE = re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")
# "14 000/ 5 000": two figures in one cell, each localised, the slash kept as printed.
PARTS_RE = re.compile(r"(\s*/\s*)")
UNITS = {"mrd": "billions", "mill": "millions", "mnok": "millions"}


def localised_figure(value: str, rules: FigureFormat | None) -> str | None:
    """`value` written by `rules`; None when there are no rules (the source language) or the value
    is in no shape known here, and so is shown as printed."""
    if rules is None:
        return None
    parts = PARTS_RE.split(value.strip())
    # Every figure of a compound value must be understood, or none is changed.
    shown = [part if i % 2 else _one_figure(part, rules) for i, part in enumerate(parts)]
    return None if any(part is None for part in shown) else "".join(part or "" for part in shown)


def _one_figure(value: str, rules: FigureFormat) -> str | None:
    if match := DATE_RE.fullmatch(value):
        day, month = int(match["day"]), int(match["month"])
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return rules.date.format(day=day, month=rules.months[month - 1], year=match["year"])
    if match := AMOUNT_RE.fullmatch(value):
        return getattr(rules, UNITS[match["unit"].lower()]).format(number=_number(match, rules))
    if match := PERCENT_RE.fullmatch(value):
        return rules.percent.format(number=_number(match, rules))
    if match := NUMBER_RE.fullmatch(value):
        return _number(match, rules)
    return None


def _number(match: re.Match[str], rules: FigureFormat) -> str:
    digits = re.sub(r"\D", "", match["int"])
    grouped = len(digits) != len(match["int"]) or len(digits) >= rules.group_from_digits
    whole = rules.thousands.join(_groups_of_three(digits)) if grouped else digits
    decimals = match["dec"] or match["pdec"]
    return f"{whole}{rules.decimal}{decimals}" if decimals else whole


def _groups_of_three(digits: str) -> list[str]:
    head = len(digits) % 3 or 3
    return [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
