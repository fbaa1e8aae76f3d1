"""The one module of `kb/` that drives MkDocs: build one language's project into a folder.

Everything else in `kb/` is engine-free (records, checks, rendering, the build's processes and
folders); moving to another engine (ProperDocs, Zensical) means replacing this module and
`hooks/records.py`, nothing else.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from kb.pipeline import Content

# Where the hook finds the content this build already read and checked (see build_language).
CONTENT_KEY = "kb_content"


class BuildFailed(Exception):
    """The content has errors, MkDocs stopped (its own log lines say more), or the file system failed."""


def build_language(config_file: Path, site_dir: Path, *, strict: bool, content: Content | None = None) -> None:
    """MkDocs builds one language's project into `site_dir`. `content`, read and checked by the
    caller, is handed to the hook through the config, so both languages (and a forked child)
    use the one reading instead of each reading the records again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    _show_mkdocs_log()
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        if content is not None:
            config[CONTENT_KEY] = content
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        raise BuildFailed(f"{config_file.name}: {error}") from None


def _show_mkdocs_log() -> None:
    """MkDocs logs through `logging`; without a handler its warnings would be silent."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.addFilter(_no_file_system_echo)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if os.environ.get("KB_VERBOSE") else logging.WARNING)


def _no_file_system_echo(record: logging.LogRecord) -> bool:
    """MkDocs logs a page's error before raising it again. A file-system error (its text starts with
    `[Errno N]`) is then reported by the build in one line: the echo would only repeat it."""
    return not re.match(r"Error (building|reading) page '.*': \[Errno \d+\]", record.getMessage())
