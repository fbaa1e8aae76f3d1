"""Build both languages into temporary folders and swap them in only when both succeed."""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from kb.engine import BuildFailed, build_language
from kb.issues import Issue, one_line
from kb.labels import LANGS
from kb.messages import listed, msg
from kb.pipeline import Content, load_content, usable_cores
from kb.private_names import folder_files, private_names
from kb.site_folder import LOCK_NAME, TEMPORARY_PREFIXES, check_site_folder, lock_folder, make_readable, remove_stale_folders, swap_in
from kb.stop import Stopped, default_stop_signals, not_stopped
from kb.syscalls import die_with_parent


def config_file(lang: str) -> str:
    """The MkDocs project of a language: the source language's owns the root, each other one its
    folder (mkdocs.en.yml -> site/en/)."""
    return "mkdocs.yml" if lang == LANGS[0] else f"mkdocs.{lang}.yml"


def build_site(root: Path, site_dir: Path, *, strict: bool = True, content: Content | None = None) -> None:
    """Build the bilingual site into `site_dir`; on failure `site_dir` is left exactly as it was.

    A fault of the file system (full disk, read-only, no permission) is a BuildFailed naming the step
    and the place: the editor can act on that line, while a traceback would hide it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The only clock MkDocs reads (sitemap.xml.gz's header): the commit's time, not today's, so
    # that two builds of one commit are byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_time(root)))
    # Read and checked once (here, or by the caller that reported it): both languages' hooks, and a
    # forked child, are handed this one reading.
    content = content or load_content(root)
    if not content.ok():
        raise BuildFailed(content.error_report())
    site_dir = Path(os.path.abspath(site_dir))
    with fault(msg("cannot use the site folder"), site_dir):
        check_site_folder(site_dir)
        site_dir = site_dir.resolve()
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    with fault(msg("cannot lock the site folder"), site_dir.parent / LOCK_NAME):
        lock = lock_folder(site_dir.parent)
    try:
        build_and_swap_in(root, site_dir, content, strict=strict)
    finally:
        os.close(lock)


def build_and_swap_in(root: Path, site_dir: Path, content: Content, *, strict: bool) -> None:
    """Both languages into temporary folders, then site/ replaced: only with the lock held."""
    remove_stale_folders(site_dir.parent, site_dir)
    staging: list[Path] = []
    # The records read so far live until the build ends: the collector need not scan them again,
    # and a forked child shares their memory pages instead of copying them (see gc.freeze).
    gc.freeze()
    try:
        # Built beside the old site, so the final renames stay on one filesystem. Each language gets
        # its own folder: MkDocs empties its site_dir when it starts, and the two may run at once.
        with fault(msg("cannot create a build folder"), site_dir.parent):
            for lang in LANGS:
                prefix = ".site-new-" if lang == LANGS[0] else f".site-new-{lang}-"
                staging.append(Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent)))
        root_site = staging[0]
        with fault(msg("cannot build the site"), site_dir):
            build_languages([(root / config_file(lang), folder) for lang, folder in zip(LANGS, staging, strict=True)], content, strict=strict)
            for lang, folder in zip(LANGS[1:], staging[1:], strict=True):
                folder.rename(root_site / lang)
        with fault(msg("cannot make the site readable"), site_dir):
            make_readable(root_site)
        refuse_unpublished_names(root_site)
        with fault(msg("cannot replace the site folder"), site_dir), not_stopped():  # from here on the build completes: the message must say what happened
            swap_in(root_site, site_dir)
            shutil.rmtree(root_site, ignore_errors=True)  # the old site, now
    finally:
        gc.unfreeze()
        for folder in staging:
            shutil.rmtree(folder, ignore_errors=True)


def refuse_unpublished_names(folder: Path) -> None:
    """The last guard before publishing: no built file may name a person on the private list,
    however it got there (every input was searched already)."""
    issues: list[Issue] = []
    names = private_names(issues)
    if issues:
        issue = issues[0]  # KB_PRIVATE_NAMES cannot be read: the whole file, no line
        raise BuildFailed(msg("{file}: {message} ({hint})", file=issue.file.as_posix(), message=issue.message, hint=issue.hint or ""))
    found = names.found_in_output(folder_files(folder)) if names else []
    if found:
        raise BuildFailed(msg("the built site names a person who may not be named, in: {files}", files=listed(found)))


# Faults of the file system the site is written to, whichever file the system names (when
# MkDocs copies a theme file onto a full disk, Python names the theme file).
FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


@contextlib.contextmanager
def fault(what: str, where: Path) -> Iterator[None]:
    """A file-system error in this step as one line: `what (where): the system's reason`. The file
    the system named instead of `where`, if the fault is that file's own and it is not in a temporary
    folder (whose random name means nothing to the editor)."""
    try:
        yield
    except OSError as error:
        named = os.fsdecode(error.filename) if error.filename is not None else None
        if named is None or error.errno in FULL_OR_READ_ONLY or any(part.startswith(TEMPORARY_PREFIXES) for part in Path(named).parts):
            named = str(where)
        # A file name may hold a line break: it must not forge a line of its own in a CI log.
        raise BuildFailed(msg("{what} ({place}): {reason}", what=what, place=one_line(named), reason=one_line(error.strerror or str(error)))) from None


def build_languages(builds: list[tuple[Path, Path]], content: Content, *, strict: bool) -> None:
    """Each (config, site_dir) built by MkDocs; every failure reported, not only the first.

    MkDocs builds a project in one process, and the languages are two projects, so where a fork
    is safe the second is built in a child process at the same time as the first: the build
    takes about half as long on two cores. A child inherits the records already read."""
    errors: list[str] = []  # each a Msg where the build words it, MkDocs' own text otherwise
    children = []
    if can_fork():
        context = multiprocessing.get_context("fork")
        for config_file, site_dir in builds[1:]:
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(target=_build_in_child, args=(config_file, site_dir, content, strict, sender, os.getpid()), daemon=True)
            child.start()
            sender.close()
            children.append((config_file, child, receiver))
        builds = builds[:1]
    try:
        for config_file, site_dir in builds:
            try:
                build_language(config_file, site_dir, strict=strict, content=content)
            except BuildFailed as error:
                errors.append(error.message)
        for config_file, child, receiver in children:
            try:
                outcome = receiver.recv()  # None, the reason it failed, or the file-system fault
            except EOFError:  # it died without a word: killed, out of memory
                outcome = msg("{config}: the build process stopped", config=config_file.name)
            child.join()
            if isinstance(outcome, OSError):
                raise outcome  # reported as the parent's own would be
            if outcome is not None:
                errors.append(outcome)
    finally:  # interrupted (Ctrl-C, SIGTERM): no child may go on writing once its folder is removed
        for _config_file, child, _receiver in children:
            if child.is_alive():
                child.terminate()
            child.join()
    if errors:
        # Once each: both languages stop alike when the address they share is wrong.
        errors = list(dict.fromkeys(errors))
        raise BuildFailed(functools.reduce(lambda above, below: msg("{above}\n{below}", above=above, below=below), errors))


def can_fork() -> bool:
    """A fork copies only the calling thread, so it is safe only while there is no other one.
    Linux only: macOS and Windows start a fresh interpreter instead, which would read the
    records again; there the languages are built one after the other."""
    return sys.platform == "linux" and usable_cores() > 1 and threading.active_count() == 1


def _build_in_child(config_file: Path, site_dir: Path, content: Content, strict: bool, sender, parent: int) -> None:
    try:
        die_with_parent(parent)
        default_stop_signals()
        build_language(config_file, site_dir, strict=strict, content=content)
        sender.send(None)
    except BuildFailed as error:
        sender.send(error.message)
    except OSError as error:  # a full disk, say: the parent words it as its own
        sender.send(error)
    except (KeyboardInterrupt, Stopped):
        pass  # Ctrl-C reaches both processes, a SIGTERM may come before its default is back: the parent reports


def commit_time(root: Path, *paths: str) -> int:
    """Seconds since the epoch of the checked-out commit, or of the last one that changed one of
    `paths`; 0 outside a git checkout (or when no commit changed them)."""
    try:
        command = ["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *paths]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0
