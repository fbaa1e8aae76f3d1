"""site/ under faults: a build killed at any moment, two builds at once, stop signals, a full or
read-only disk, no permission, modes others can read, and a replacement in one step."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
from conftest import kb_env, run

import kb.build
import kb.syscalls
from kb.cli import main
from kb.messages import msg, translate
from kb.site_folder import swap_in
from kb.stop import Stopped, not_stopped, stop_on_signals

# `python -m kb build` with one step made to wait: each process that reaches it says so with a file
# paused-PID in FLAGS and waits until a file FLAGS/go appears, or it is killed.
# Usage: python -c HOOK STEP FLAGS ARGS…. STEP is a function of kb.build, or write_file (MkDocs'; it
# waits at the 5th call, the fixture has 19 pages per language); STEP:after waits after the call.
HOOK = """
import os, sys, time
from pathlib import Path

import mkdocs.utils
import kb.build
from kb.cli import main

step, flags = sys.argv[1], Path(sys.argv[2])
kb.build.can_fork = lambda: True  # the English child exists even on a one-core machine

def pause():
    (flags / f"paused-{os.getpid()}").touch()
    while not (flags / "go").exists():
        time.sleep(0.01)

name, _, when = step.partition(":")
module = mkdocs.utils if name == "write_file" else kb.build
real, wait_at, calls = getattr(module, name), 5 if name == "write_file" else 1, 0

def waiting(*args, **kwargs):
    global calls
    calls += 1
    if calls == wait_at and when != "after":
        pause()
    result = real(*args, **kwargs)
    if calls == wait_at and when == "after":
        pause()
    return result

setattr(module, name, waiting)
raise SystemExit(main(sys.argv[3:]))
"""
# Where a build can be killed, and how many processes wait there (the parent, and the English child).
STEPS = {
    "build_languages": 1,  # its temporary folders made, nothing built
    "build_language": 2,  # both languages about to be built, each in its process
    "write_file": 2,  # MkDocs writing both languages, 4 pages each written
    "make_readable": 1,  # both built, site/ not yet replaced
    "swap_in:after": 1,  # site/ replaced, the old site not yet removed
}


def digest(tree: Path) -> str:
    """Every path below `tree` with its kind, mode and bytes: equal digests, equal trees."""
    total = hashlib.sha256()
    for path in sorted(tree.rglob("*")):
        mode = path.lstat().st_mode
        total.update(f"{path.relative_to(tree)}\0{stat.S_IFMT(mode)}\0{stat.S_IMODE(mode):o}\0".encode())
        if path.is_file():
            total.update(hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()


@pytest.fixture
def flags(tmp_path: Path) -> Iterator[Path]:
    """Where the waiting build processes say so; any left alive at the end are killed."""
    folder = tmp_path / "flags"
    folder.mkdir()
    yield folder
    for pid in waiting_pids(folder):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def start(root: Path, step: str, flags: Path, *args: str, ignoring: str = "") -> subprocess.Popen[str]:
    """The build of `root` made to wait at `step`; in a session of its own, so that signals sent to its
    process group reach nothing else. `ignoring`: a signal (HUP) it starts with ignored, as nohup does."""
    ignored = ["sh", "-c", f"trap '' {ignoring}; exec \"$0\" \"$@\""] if ignoring else []
    return subprocess.Popen([*ignored, sys.executable, "-c", HOOK, step, str(flags), "--root", str(root), "build", *args],
                            env=kb_env(), cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def waiting_pids(flags: Path) -> list[int]:
    return sorted(int(path.name.removeprefix("paused-")) for path in flags.glob("paused-*"))


def wait_until_waiting(build: subprocess.Popen[str], flags: Path, count: int) -> list[int]:
    """The pids of the `count` processes of `build` that wait at its step."""
    deadline = time.monotonic() + 60
    while len(waiting_pids(flags)) < count:
        assert build.poll() is None, build.communicate()
        assert time.monotonic() < deadline, "the build never reached its step"
        time.sleep(0.01)
    return waiting_pids(flags)


def ended(pid: int) -> bool:
    """True once the process is gone, or a zombie nobody has reaped yet (it runs no more)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")


def wait_until_ended(pids: list[int]) -> None:
    deadline = time.monotonic() + 10
    while not all(ended(pid) for pid in pids):
        assert time.monotonic() < deadline, f"still running: {[pid for pid in pids if not ended(pid)]}"
        time.sleep(0.01)


def temporary_folders(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".site-*"))


@pytest.mark.site
@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_any_step_leaves_a_whole_site_and_the_next_build_clears_its_folders(built, flags, step):
    site = built / "site"
    before = digest(site)
    # New content, so that a site/ replaced by the killed build differs from the old one.
    page = built / "content/nb/index.md"
    page.write_text(page.read_text("utf-8") + "\nEn ny setning.\n", "utf-8")

    build = start(built, step, flags)
    pids = wait_until_waiting(build, flags, STEPS[step])
    os.kill(build.pid, signal.SIGKILL)
    assert build.wait(timeout=10) == -signal.SIGKILL
    wait_until_ended(pids)  # the English child died with its parent
    assert temporary_folders(built), "the killed build left no folder: it was killed too late"
    killed = digest(site)
    assert (killed != before) if step == "swap_in:after" else (killed == before)

    after = run(built, "build")
    assert after.returncode == 0, after.stderr
    assert temporary_folders(built) == []
    if step == "swap_in:after":  # what the killed build put in place was whole: what a build makes
        assert digest(site) == killed


@pytest.mark.site
def test_a_second_build_waits_for_the_first_and_both_make_the_same_whole_site(built, flags, fixture_site):
    first = start(built, "build_languages", flags)  # holds the lock; its temporary folders are made
    wait_until_waiting(first, flags, 1)
    second_err = built.parent / "second.err"
    with second_err.open("w") as err:
        second = subprocess.Popen([sys.executable, "-m", "kb", "--root", str(built), "build"], env=kb_env(), cwd=built,
                                  stdout=subprocess.DEVNULL, stderr=err, text=True, start_new_session=True)
        waiting = f"build: waiting for another build in {built}/ to finish\n"
        deadline = time.monotonic() + 60
        while second_err.read_text() != waiting:
            assert second.poll() is None and time.monotonic() < deadline, second_err.read_text()
            time.sleep(0.01)
        (flags / "go").touch()
        _out, first_err = first.communicate(timeout=60)
        assert first.returncode == 0, first_err  # the waiting build did not remove the first one's folders
        assert second.wait(timeout=60) == 0
    assert second_err.read_text() == waiting
    assert digest(built / "site") == digest(fixture_site)
    assert temporary_folders(built) == []


@pytest.mark.site
@pytest.mark.parametrize("step", ["build_language", "write_file"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_stop_both_processes_and_leave_the_site_untouched(built, flags, signum, step):
    before = digest(built / "site")
    build = start(built, step, flags)
    pids = wait_until_waiting(build, flags, STEPS[step])
    os.kill(build.pid, signum)  # the parent only: it must stop the English child itself
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 128 + signum
    assert err == f"build: stopped by {signal.Signals(signum).name}; site/ is unchanged\n"
    wait_until_ended(pids)
    assert digest(built / "site") == before
    assert temporary_folders(built) == []


@pytest.mark.site
def test_a_build_started_with_sighup_ignored_is_not_stopped_by_it(built, flags):
    """`nohup make site &`: the terminal may close, the build goes on, in both processes."""
    before = digest(built / "site")
    page = built / "content/nb/index.md"
    page.write_text(page.read_text("utf-8") + "\nEn ny setning.\n", "utf-8")
    build = start(built, "build_language", flags, ignoring="HUP")
    wait_until_waiting(build, flags, 2)
    os.killpg(build.pid, signal.SIGHUP)  # what a closing terminal sends: the whole process group
    time.sleep(0.1)
    (flags / "go").touch()
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 0, err
    assert digest(built / "site") != before
    assert temporary_folders(built) == []


@pytest.mark.unit
def test_a_stop_signal_does_not_cut_the_replacement_of_the_site_short():
    with stop_on_signals():
        with not_stopped():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)  # Python runs the handler between two steps of this thread
        with pytest.raises(Stopped) as stopped:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)
    assert stopped.value.signum == signal.SIGTERM


MS_RDONLY, MS_REMOUNT, MNT_DETACH = 1, 32, 2


def _mount(source: str, target: Path, kind: str | None, flags: int, options: str) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(source.encode(), str(target).encode(), kind and kind.encode(), flags, options.encode()) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(target))


@contextlib.contextmanager
def small_disk(folder: Path, size: int) -> Iterator[bool]:
    """A file system of `size` bytes of its own (tmpfs) at `folder`; False where mounting is not allowed."""
    folder.mkdir()
    try:
        _mount("tmpfs", folder, "tmpfs", 0, f"size={size}")
    except PermissionError:
        yield False
        return
    try:
        yield True
    finally:
        ctypes.CDLL(None, use_errno=True).umount2(str(folder).encode(), MNT_DETACH)


def make_read_only(folder: Path) -> None:
    _mount("tmpfs", folder, None, MS_REMOUNT | MS_RDONLY, "")


def disk_use(tree: Path) -> int:
    """Bytes the tree takes on a tmpfs: whole pages per file."""
    return sum(-(-path.stat().st_size // 4096) * 4096 for path in tree.rglob("*") if path.is_file())


def build_in_process(root: Path, site: Path, capsys: pytest.CaptureFixture[str], *lang: str) -> tuple[int, str]:
    status = main([*lang, "--root", str(root), "build", "--site-dir", str(site)])
    return status, capsys.readouterr().err


@pytest.mark.site
def test_a_full_disk_fails_the_build_in_one_line_and_leaves_the_site_untouched(content, fixture_site, tmp_path,
                                                                               monkeypatch, capsys):
    disk = tmp_path / "disk"
    # Room for the old site and half a new one: the build runs out of space.
    with small_disk(disk, disk_use(fixture_site) * 3 // 2) as mounted:
        site = disk / "site"
        shutil.copytree(fixture_site, site)
        before = digest(site)
        if mounted:
            build = run(content, "build", "--site-dir", str(site))
            status, err = build.returncode, build.stderr
        else:  # no right to mount here: the error MkDocs would meet, raised where it writes
            monkeypatch.setattr("mkdocs.utils.write_file", full_disk)
            status, err = build_in_process(content, site, capsys)
        assert status == 1
        assert err == f"build failed: cannot build the site ({site}): No space left on device\nbuild: site/ is unchanged\n"
        assert digest(site) == before
        assert temporary_folders(disk) == []


def full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def refused(code: int, path: Path) -> None:
    raise OSError(code, os.strerror(code), str(path))


@pytest.mark.site
@pytest.mark.parametrize("built_here", [True, False], ids=["built-there-before", "site-copied-there"])
def test_a_read_only_disk_fails_the_build_in_one_line_and_leaves_the_site_untouched(content, fixture_site, tmp_path,
                                                                                    monkeypatch, capsys, built_here):
    disk = tmp_path / "disk"
    with small_disk(disk, 64 << 20) as mounted:
        site = disk / "site"
        shutil.copytree(fixture_site, site)
        if built_here:  # a build there left its lock file: the first thing that cannot be written is a folder
            (disk / ".site.lock").touch()
        before = digest(site)
        if mounted:
            make_read_only(disk)
            build = run(content, "build", "--site-dir", str(site))
            status, err = build.returncode, build.stderr
        else:  # no right to mount here: the error the build would meet, raised where it would
            if built_here:
                monkeypatch.setattr(kb.build.tempfile, "mkdtemp", lambda prefix, dir: refused(errno.EROFS, dir / f"{prefix}x"))
            else:
                monkeypatch.setattr(kb.build, "lock_folder", lambda folder: refused(errno.EROFS, folder / ".site.lock"))
            status, err = build_in_process(content, site, capsys)
        step = f"cannot create a build folder ({disk})" if built_here else f"cannot lock the site folder ({disk}/.site.lock)"
        assert status == 1
        assert err == f"build failed: {step}: Read-only file system\nbuild: site/ is unchanged\n"
        assert digest(site) == before
        assert temporary_folders(disk) == []


def failing_renameat2(code: int):
    """A stand-in for libc's renameat2 that fails as the kernel does: -1, and the reason in errno."""
    def renameat2(*_args: object) -> int:
        ctypes.set_errno(code)
        return -1
    return renameat2


@pytest.mark.site
def test_no_permission_to_replace_the_site_fails_the_build_in_one_line(built, monkeypatch, capsys):
    # Root may replace anything, so the refusal an editor's own account would meet is made by a stand-in.
    monkeypatch.setattr(kb.syscalls, "_renameat2", lambda: failing_renameat2(errno.EACCES))
    site = built / "site"
    before = digest(site)
    status, err = build_in_process(built, site, capsys)
    assert status == 1
    assert err == f"build failed: cannot replace the site folder ({site}): Permission denied\nbuild: site/ is unchanged\n"
    assert digest(site) == before
    assert temporary_folders(built) == []
    # In Norwegian, the same line (the system's reason is the system's own words).
    assert build_in_process(built, site, capsys, "--lang", "nb") == (
        1, f"build feilet: kan ikke erstatte nettstedsmappen ({site}): Permission denied\nbuild: site/ er uendret\n")
    assert digest(site) == before


@pytest.mark.site
@pytest.mark.parametrize("code, file, shown", [
    (errno.ENOSPC, ".site-new-en-x/index.html", "site"),  # a full disk is the site folder's, not a page's
    (errno.EACCES, "content/en/index.md", "content/en/index.md"),  # a file it may not read is named
])
def test_a_file_system_fault_in_the_english_process_is_reported_as_the_parents_would_be(built, monkeypatch, code, file,
                                                                                        shown):
    monkeypatch.setattr(kb.build, "can_fork", lambda: True)  # even on a one-core machine
    real_build = kb.build.build_language

    def fails_in_english(config_file: Path, site_dir: Path, **options) -> None:
        if config_file.name == "mkdocs.en.yml":
            refused(code, built / file)
        real_build(config_file, site_dir, **options)

    monkeypatch.setattr(kb.build, "build_language", fails_in_english)
    before = digest(built / "site")
    with pytest.raises(kb.build.BuildFailed) as failure:
        kb.build.build_site(built, built / "site")
    assert str(failure.value) == f"cannot build the site ({built / shown}): {os.strerror(code)}"
    assert digest(built / "site") == before
    assert temporary_folders(built) == []


@pytest.mark.site
@pytest.mark.parametrize("kind", ["file", "dangling link"])
def test_a_file_or_a_dangling_link_where_the_site_should_be_fails_the_build_in_one_line(content, kind):
    site = content / "site"
    if kind == "file":
        site.write_text("not a site\n", "utf-8")
    else:
        site.symlink_to(content / "nowhere")
    build = run(content, "build")
    reason = "Not a directory" if kind == "file" else "No such file or directory"
    assert build.returncode == 1
    assert build.stderr == f"build failed: cannot use the site folder ({site}): {reason}\nbuild: site/ is unchanged\n"
    assert site.is_file() if kind == "file" else (site.is_symlink() and not (content / "nowhere").exists())
    assert temporary_folders(content) == []


@pytest.mark.site
def test_the_site_is_readable_by_others_whatever_the_umask(fixture_site):
    """GitHub Pages' upload and web servers read site/ as another user; the fixture was built under umask 077."""
    paths = [fixture_site, *fixture_site.rglob("*")]
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.is_dir()} == {"0o755"}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.is_file()} == {"0o644"}


# Looks at SITE/index.html LOOKS times without pause, or until it finds none; prints how often it
# looked and whether it found none.
WATCHER = """
import os, sys
index, looks = os.path.join(sys.argv[1], "index.html"), int(sys.argv[2])
print("ready", flush=True)
missing = 0
for look in range(1, looks + 1):
    if not os.path.isfile(index):
        missing = 1
        break
print(look, missing)
"""


def swaps_watched(folder: Path, looks: int) -> tuple[int, int]:
    """Replace folder/site again and again while another process looks at it `looks` times: how often
    it looked, and whether it once found no site (then it stopped looking)."""
    site, staging = folder / "site", folder / ".site-new-x"
    for tree, text in ((site, "old"), (staging, "new")):
        tree.mkdir()
        (tree / "index.html").write_text(text, "utf-8")
    watcher = subprocess.Popen([sys.executable, "-c", WATCHER, str(site), str(looks)], stdout=subprocess.PIPE, text=True)
    assert watcher.stdout.readline() == "ready\n"
    turns, deadline = 0, time.monotonic() + 60
    while watcher.poll() is None or turns % 2:  # an even number of turns: the old site is back at the end
        assert time.monotonic() < deadline, "the watcher never finished"
        swap_in(staging, site)  # the old site is at `staging` after each
        turns += 1
    looked, missing = map(int, watcher.communicate(timeout=30)[0].split())
    assert (site / "index.html").read_text("utf-8") == "old" and (staging / "index.html").read_text("utf-8") == "new"
    assert sorted(path.name for path in folder.iterdir()) == [".site-new-x", "site"]
    return looked, missing


@pytest.mark.unit
def test_the_site_is_never_missing_while_it_is_replaced(tmp_path):
    assert swaps_watched(tmp_path, 50_000) == (50_000, 0)


@pytest.mark.unit
def test_without_an_exchange_the_watcher_sees_the_site_missing(tmp_path, monkeypatch):
    """The fallback's two renames leave an instant without site/: this shows the watcher above can see
    it (soon: a few hundred looks on an idle machine, more when other processes share the cores)."""
    monkeypatch.setattr(kb.syscalls, "_renameat2", lambda: None)
    assert swaps_watched(tmp_path, 10_000_000)[1] == 1


@pytest.mark.unit
@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOSYS], ids=["EINVAL", "ENOSYS"])
def test_a_file_system_that_cannot_exchange_gets_the_two_renames(tmp_path, monkeypatch, code):
    monkeypatch.setattr(kb.syscalls, "_renameat2", lambda: failing_renameat2(code))
    site, staging = tmp_path / "site", tmp_path / ".site-new-x"
    for tree, text in ((site, "old"), (staging, "new")):
        tree.mkdir()
        (tree / "index.html").write_text(text, "utf-8")
    swap_in(staging, site)
    assert (site / "index.html").read_text("utf-8") == "new" and (staging / "index.html").read_text("utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-new-x", "site"]


@pytest.mark.unit
@pytest.mark.parametrize(("lang", "said"), [
    ("en", "cannot build the site ({where}): No space left on device\n{{config}}: the build process stopped"),
    ("nb", "kan ikke bygge nettstedet ({where}): No space left on device\n{{config}}: byggeprosessen stoppet"),
])
def test_a_fault_and_several_failures_are_said_in_the_editors_language(tmp_path, lang, said):
    """BuildFailed keeps the message, not its English text: both languages' failures, one a line."""
    with pytest.raises(kb.build.BuildFailed) as failure:
        with kb.build.fault(msg("cannot build the site"), tmp_path):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / ".site-new-x" / "index.html"))
    both = msg("{above}\n{below}", above=failure.value.message, below=msg("{config}: the build process stopped", config="{config}"))
    assert translate(both, lang) == said.format(where=tmp_path)


@pytest.mark.unit
def test_the_last_guard_names_the_files_in_the_editors_language(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_PRIVATE_NAMES_LIST", "Ola Hemmelig")
    (tmp_path / "index.html").write_text("<p>Takk til Ola Hemmelig.</p>", "utf-8")
    with pytest.raises(kb.build.BuildFailed) as failure:
        kb.build.refuse_unpublished_names(tmp_path)
    assert translate(failure.value.message, "en") == (
        "the built site names a person who may not be named, in: index.html (line 1 of KB_PRIVATE_NAMES_LIST)")
    assert translate(failure.value.message, "nb") == (
        "det bygde nettstedet nevner en person som ikke skal navngis, i: index.html (linje 1 i KB_PRIVATE_NAMES_LIST)")
