"""Build both languages into a temporary folder and swap it in only when both succeed."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")  # Norwegian first: it owns the root; English goes in en/


class BuildFailed(Exception):
    """MkDocs stopped; its own log lines already say why."""


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build the bilingual site into `site_dir`; on failure `site_dir` is left exactly as it was."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The only clock MkDocs reads (sitemap.xml.gz's header): the commit's time, not today's, so
    # that two builds of one commit are byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_time(root)))
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # The new site is built beside the old one, so the final rename stays on one filesystem.
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        build_language(root / CONFIGS[0], staging, strict=strict)
        build_language(root / CONFIGS[1], staging / "en", strict=strict)
        swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def commit_time(root: Path) -> int:
    """Seconds since the epoch of the checked-out commit; 0 outside a git checkout."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def build_language(config_file: Path, site_dir: Path, *, strict: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    _show_mkdocs_log()
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        raise BuildFailed(f"{config_file.name}: {error}") from None


def swap_in(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".site-old-{os.getpid()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _show_mkdocs_log() -> None:
    """MkDocs logs through `logging`; without a handler its warnings would be silent."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if os.environ.get("KB_VERBOSE") else logging.WARNING)
