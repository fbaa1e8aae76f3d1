"""Stopping a build: Ctrl-C, SIGTERM (a CI job cancelled) and SIGHUP (its terminal closed) all stop
it cleanly, its folders removed, but none cuts the replacement of site/ short."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_replacing = False  # set while site/ is being replaced: then the build ends as if no signal had come


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived. A BaseException, as KeyboardInterrupt is: MkDocs logs any Exception
    raised while it builds a page as an error of that page."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise Stopped and Ctrl-C raises KeyboardInterrupt,
    so that `finally` blocks remove the build's folders. Their default would end the process at once
    and leave the folders behind. Call from the main thread: only there does Python run handlers."""
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:  # ignored by nohup, or by a shell for a background job: so be it
            signal.signal(signum, _stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(signum: int, _frame: object) -> None:
    if _replacing:
        return
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def not_stopped() -> Iterator[None]:
    """The block runs to its end: a stop signal arriving meanwhile is dropped. For replacing site/ and
    removing the old one: stopped halfway, the build would report "site/ is unchanged" when it was not."""
    global _replacing
    _replacing = True
    try:
        yield
    finally:
        _replacing = False


def default_stop_signals() -> None:
    """In a forked child: SIGTERM and SIGHUP end it at once, as their default does. The parent stops it
    with SIGTERM and reports; the child has nothing to clean (the parent removes its folder)."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is _stop:  # an ignored one stays ignored, as in the parent
            signal.signal(signum, signal.SIG_DFL)
