"""Build both languages into temporary folders and swap them in only when both succeed."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from kb.pipeline import load_content, usable_cores

CONFIGS = ("mkdocs.yml", "mkdocs.en.yml")  # Norwegian first: it owns the root; English goes in en/


class BuildFailed(Exception):
    """The content has errors, or MkDocs stopped (its own log lines say more)."""


def build_site(root: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build the bilingual site into `site_dir`; on failure `site_dir` is left exactly as it was."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The only clock MkDocs reads (sitemap.xml.gz's header): the commit's time, not today's, so
    # that two builds of one commit are byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_time(root)))
    # Read and checked once, here: both languages' hooks (and a forked child) find it loaded.
    content = load_content(root)
    if not content.ok():
        raise BuildFailed(content.error_report())
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Built beside the old site, so the final renames stay on one filesystem. Each language gets
    # its own folder: MkDocs empties its site_dir when it starts, and the two may run at once.
    norwegian = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    english = Path(tempfile.mkdtemp(prefix=".site-new-en-", dir=site_dir.parent))
    # The records read so far live until the build ends: the collector need not scan them again,
    # and a forked child shares their memory pages instead of copying them (see gc.freeze).
    gc.freeze()
    try:
        build_languages([(root / CONFIGS[0], norwegian), (root / CONFIGS[1], english)], strict=strict)
        english.rename(norwegian / "en")
        swap_in(norwegian, site_dir)
    finally:
        gc.unfreeze()
        shutil.rmtree(norwegian, ignore_errors=True)
        shutil.rmtree(english, ignore_errors=True)


def build_languages(builds: list[tuple[Path, Path]], *, strict: bool) -> None:
    """Each (config, site_dir) built by MkDocs; every failure reported, not only the first.

    MkDocs builds a project in one process, and the languages are two projects, so where a fork
    is safe the second is built in a child process at the same time as the first: the build
    takes about half as long on two cores. A child inherits the records already read."""
    errors: list[str] = []
    children = []
    if can_fork():
        context = multiprocessing.get_context("fork")
        for config_file, site_dir in builds[1:]:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_build_in_child, args=(config_file, site_dir, strict, sender), daemon=True)
            child.start()
            sender.close()
            children.append((config_file, child, receiver))
        builds = builds[:1]
    try:
        for config_file, site_dir in builds:
            try:
                build_language(config_file, site_dir, strict=strict)
            except BuildFailed as error:
                errors.append(str(error))
        for config_file, child, receiver in children:
            try:
                outcome = receiver.recv()  # None, or the reason it failed
            except EOFError:  # it died without a word: killed, out of memory
                outcome = f"{config_file.name}: the build process stopped"
            child.join()
            if outcome is not None:
                errors.append(outcome)
    finally:  # interrupted (Ctrl-C): no child may go on writing once its folder is removed
        for _config_file, child, _receiver in children:
            if child.is_alive():
                child.terminate()
            child.join()
    if errors:
        raise BuildFailed("\n".join(errors))


def can_fork() -> bool:
    """A fork copies only the calling thread, so it is safe only while there is no other one.
    Linux only: macOS and Windows start a fresh interpreter instead, which would read the
    records again; there the languages are built one after the other."""
    return sys.platform == "linux" and usable_cores() > 1 and threading.active_count() == 1


def _build_in_child(config_file: Path, site_dir: Path, strict: bool, sender) -> None:
    try:
        build_language(config_file, site_dir, strict=strict)
        sender.send(None)
    except BuildFailed as error:
        sender.send(str(error))
    except KeyboardInterrupt:  # Ctrl-C reaches both processes; the parent reports it
        pass


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
