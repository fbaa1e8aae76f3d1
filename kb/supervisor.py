"""`make serve`: the preview's server runs in a child process, started again when the code changes.

The server rebuilds the site in its own process when a record or page changes: quick, but with the
code it imported when it started (Python does not import a changed module again, and kb/labels.py
reads languages/ once). So a change to the code restarts the server process instead, and the new
code runs. Stopping this process (Ctrl-C, SIGTERM, SIGHUP) stops the server first; if this process
is killed outright (SIGKILL), the kernel stops the server too (kb/syscalls.py), so no server is
left holding the port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import kb
from kb.labels import LANGUAGES_FOLDER
from kb.messages import editor_language, msg, translate
from kb.stop import Stopped, not_stopped, stop_on_signals
from kb.syscalls import die_with_parent

# The code a running server has imported or read once: this package, the site's languages, the
# MkDocs hook, the theme's overrides and the MkDocs projects.
PACKAGE = Path(kb.__file__).resolve().parent
PROJECT_CODE = ("hooks", "overrides")
PROJECT_FILES = "mkdocs*.yml"
# The server learns its supervisor's process id from this variable, to die with it.
SUPERVISOR_VARIABLE = "KB_PREVIEW_SUPERVISOR"
POLL_SECONDS = 0.3
STOP_SECONDS = 10

Snapshot = dict[str, tuple[int, int]]


def code_snapshot(root: Path) -> Snapshot:
    """{path: (modification time, size)} of every file of the code. Not Python's byte-code caches,
    which the server writes as it starts, nor editors' hidden and backup files."""
    folders = [PACKAGE, LANGUAGES_FOLDER, *(root / name for name in PROJECT_CODE)]
    files = [path for path in root.glob(PROJECT_FILES) if path.is_file()]
    for folder in folders:
        for parent, dirs, names in os.walk(folder):
            dirs[:] = [name for name in dirs if name != "__pycache__" and not name.startswith(".")]
            files += [Path(parent, name) for name in names if not name.startswith((".", "#")) and not name.endswith(("~", ".pyc", ".swp"))]
    snapshot: Snapshot = {}
    for path in files:
        try:
            status = path.stat()
        except OSError:  # removed meanwhile: the next look sees it gone
            continue
        snapshot[str(path)] = (status.st_mtime_ns, status.st_size)
    return snapshot


def changed_files(before: Snapshot, after: Snapshot, root: Path) -> list[str]:
    """The files added, removed or changed, relative to `root` where they are inside it."""
    names = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return [os.path.relpath(name, root) if name.startswith(str(root) + os.sep) else name for name in names]


def address_in_use(host: str, port: int) -> bool:
    """Whether another process listens on host:port (as the server binds it: reusing a closed port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def supervise(root: Path, command: list[str]) -> int:
    """Run `command` (the server) and start it again whenever the code changes, until a stop signal;
    then stop it. 130 after Ctrl-C, 128 + the signal's number after SIGTERM or SIGHUP."""
    root = root.resolve()
    try:
        with stop_on_signals():
            watch_and_restart(root, command)
    except KeyboardInterrupt:
        return 130
    except Stopped as stop:
        return 128 + stop.signum
    return 0


def watch_and_restart(root: Path, command: list[str]) -> None:
    snapshot = code_snapshot(root)
    server = start(command)
    reported = False
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = code_snapshot(root)
            if now == snapshot:
                if server.poll() is not None and not reported:
                    stopped = msg("serve: the server stopped (exit status {status}); it starts again when the code changes", status=server.returncode)
                    print(translate(stopped, editor_language()), file=sys.stderr, flush=True)
                    reported = True
                continue
            # An editor or `git checkout` may write several files: wait until they are all written.
            while True:
                time.sleep(POLL_SECONDS)
                if (later := code_snapshot(root)) == now:
                    break
                now = later
            names = changed_files(snapshot, now, root)
            files = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
            print(translate(msg("serve: {files} changed: restarting the server with the new code", files=files), editor_language()), flush=True)
            stop(server)  # a stop signal meanwhile ends the preview: `finally` stops the server, if still needed
            snapshot, server, reported = now, start(command), False
    finally:
        # A second Ctrl-C must not cut this short: the server would be left running.
        with not_stopped():
            stop(server)


def start(command: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env={**os.environ, SUPERVISOR_VARIABLE: str(os.getpid())})


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if the server has not ended within STOP_SECONDS; waits until it has."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def die_with_supervisor() -> None:
    """In the server process: stop when the supervisor ends, even if it is killed outright (with
    SIGTERM, so that the server still removes its folder)."""
    supervisor = os.environ.pop(SUPERVISOR_VARIABLE, None)
    if supervisor and supervisor.isdigit():
        die_with_parent(int(supervisor), signal.SIGTERM)
