"""The build's date: the commit's, never today's, so two builds of one commit are byte-identical."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from pathlib import Path


def build_date(root: Path, environ: Mapping[str, str] = os.environ) -> datetime.date | None:
    """The day (UTC) of SOURCE_DATE_EPOCH (reproducible-builds.org; `python -m kb build` sets it to
    the commit's time), else of the checked-out commit; None when neither is known."""
    from kb.build import commit_time

    text = environ.get("SOURCE_DATE_EPOCH", "").strip()
    # 0 is what kb/build.py sets outside a git checkout (and what a process that built such a
    # folder first keeps): not a date, so this checkout's commit is asked.
    seconds = int(text) if text.isdigit() and int(text) > 0 else commit_time(root)
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).date() if seconds > 0 else None
