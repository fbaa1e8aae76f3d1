"""The published folder on disk: one build at a time, stale folders cleared, site/ replaced in one step.

site/ is what GitHub Pages publishes: at no instant may it be missing, half-written or unreadable.
A build writes into temporary folders beside it (on the same file system, so a rename can move them)."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import stat
import sys
from pathlib import Path

from kb.messages import editor_language, msg, translate
from kb.syscalls import exchange_paths

LOCK_NAME = ".site.lock"
# A build's temporary folders (tempfile adds a random tail; ".site-new-en-" is one of the first kind).
TEMPORARY_PREFIXES = (".site-new-", ".site-old-")


def lock_folder(folder: Path) -> int:
    """Wait until no other build has temporary folders in `folder`; the lock lasts until the returned
    file is closed. One lock per folder, not per site: every build there names its folders alike.

    The kernel drops the lock when its holder dies, even by SIGKILL, so a build never waits for a dead
    one. A forked child shares the lock (the same open file): it holds until both have ended."""
    lock = os.open(folder / LOCK_NAME, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting = msg("build: waiting for another build in {folder}/ to finish", folder=str(folder))
            print(translate(waiting, editor_language()), file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
    except BaseException:
        os.close(lock)
        raise
    return lock


def remove_stale_folders(folder: Path, site_dir: Path) -> None:
    """The temporary folders a killed build left. Only with the lock held: no running build owns them then."""
    for path in folder.iterdir():
        if path.name.startswith(TEMPORARY_PREFIXES) and path != site_dir and not path.is_symlink() and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def check_site_folder(site_dir: Path) -> None:
    """A file, or a link to nowhere, where the site folder should be is an editor's mistake: stop
    before building rather than replace the file or follow the link."""
    # os.stat of a dangling link raises FileNotFoundError, which the build words as one line.
    if os.path.lexists(site_dir) and not stat.S_ISDIR(os.stat(site_dir).st_mode):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(site_dir))


def make_readable(tree: Path) -> None:
    """Folders 0755 and files 0644, whatever the umask: tempfile makes its folders 0700, and GitHub
    Pages' upload and web servers read the site as another user. Links are left alone."""
    os.chmod(tree, 0o755)
    with os.scandir(tree) as entries:
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                make_readable(Path(entry.path))
            else:
                os.chmod(entry.path, 0o644)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Put the folder `staging` at `site_dir` in one step. The old site, if any, is then at `staging`."""
    if not os.path.lexists(site_dir):
        os.rename(staging, site_dir)  # the first build: nothing to replace
        return
    if exchange_paths(staging, site_dir):
        return
    # No renameat2 here (not Linux, or a file system or kernel without RENAME_EXCHANGE): two renames,
    # and between them, for an instant, there is no site/. A build killed in that instant leaves the
    # old site in .site-old-*, which the next build removes as it puts a new site/ in place.
    old = site_dir.with_name(f".site-old-{os.getpid()}")  # unique: the lock is held
    os.rename(site_dir, old)
    try:
        os.rename(staging, site_dir)
    except BaseException:
        os.rename(old, site_dir)
        raise
    os.rename(old, staging)
