"""Two Linux system calls Python does not offer, through libc: exchange two paths, die with the parent."""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import signal
import sys
from pathlib import Path

AT_FDCWD = -100  # paths relative to the working directory, as os.rename takes them
RENAME_EXCHANGE = 2
PR_SET_PDEATHSIG = 1


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if sys.platform != "linux":
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


@functools.cache
def _renameat2():
    """libc's renameat2, or None: glibc has it since 2.28 (2018), other C libraries may not."""
    function = getattr(_libc(), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def exchange_paths(first: Path, second: Path) -> bool:
    """Swap what the two paths name in one step: no instant when either is missing.

    False where the system cannot do that (not Linux, an old C library, or a file system or kernel
    without RENAME_EXCHANGE); then nothing has changed and the caller must do it another way."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def die_with_parent(parent: int, signum: int = signal.SIGKILL) -> None:
    """In a child process: get `signum` (SIGKILL unless told) when `parent` dies, however it dies,
    even by SIGKILL.

    Without this, a build's child whose parent was killed would go on writing into a folder that the
    next build removes, and a preview's server would go on holding its port. Linux only; elsewhere the
    languages are not built in a forked child, and a preview's server outlives a killed supervisor."""
    libc = _libc()
    if libc is not None:
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
    # The parent may have died before prctl was called, and then no signal will ever come.
    if os.getppid() != parent:
        os._exit(1)
