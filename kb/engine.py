"""The one module of `kb/` that drives MkDocs: build one language's project into a folder.

Everything else in `kb/` is engine-free (records, checks, rendering, the build's processes and
folders); moving to another engine (ProperDocs, Zensical) means replacing this module and
`hooks/records.py`, nothing else.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kb.messages import msg
from kb.pipeline import Content
from kb.site_links import site_address_problem

# Where the hook finds the content this build already read and checked (see build_language).
CONTENT_KEY = "kb_content"

# What to do about a missing or local address, said once for each way it can be wrong.
ADDRESS_FIX = msg("set site_url in mkdocs.yml, or the environment variable SITE_URL, to the address the site is published at (make serve previews it locally)")


class BuildFailed(Exception):
    """The content has errors, MkDocs stopped (its own log lines say more), or the file system failed."""

    def __init__(self, message: str, logged: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message  # a Msg (kb/messages.py) where the build words it: str() of the error is English only
        self.logged = tuple(logged)  # MkDocs' warnings and errors of this build: why strict mode stopped it


def build_language(config_file: Path, site_dir: Path, *, strict: bool, content: Content | None = None, serve_url: str | None = None) -> None:
    """MkDocs builds one language's project into `site_dir`. `content`, read and checked by the
    caller, is handed to the hook through the config, so both languages (and a forked child)
    use the one reading instead of each reading the records again. `serve_url`: the preview's
    address of this language; MkDocs then builds as `mkdocs serve` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    _show_mkdocs_log()
    with _logged_problems() as logged:
        try:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            # A built site is what gets published: its address goes into every citation, canonical
            # link and the sitemap, so it must be the published one. Only the preview is local.
            problem = None if serve_url else site_address_problem(config.site_url)
            if problem:
                raise BuildFailed(msg("{problem}; {fix}", problem=problem, fix=ADDRESS_FIX))
            if content is not None:
                config[CONTENT_KEY] = content
            config.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
            try:
                build(config, serve_url=serve_url)
            finally:
                config.plugins.on_shutdown()
        except (Abort, ConfigurationError, PluginError) as error:
            raise BuildFailed(f"{config_file.name}: {error}", logged) from None


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def serve(host: str, port: int, site_dir: Path, config_file: Path, *, rebuild: Callable[[], None], wrap: Callable[[WSGIApp], WSGIApp]) -> None:
    """MkDocs' live-reload server on host:port, serving `site_dir` at `/`, until Ctrl-C (or a stop
    signal raised as an exception). `rebuild` runs first, then whenever a file the project's hook
    watches (`on_serve`) changes; each open page reloads after it returns. `rebuild` must not raise:
    MkDocs would then keep every request waiting for a build that never comes. `wrap` gets MkDocs'
    request handler and returns the one to use (the preview answers some requests itself)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    _show_mkdocs_log()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site_dir))
    server.set_app(wrap(server.serve_request))
    # As `mkdocs serve` does: a missing page gets the site's own 404 page.
    server.error_handler = lambda code: (site_dir / "404.html").read_bytes() if code == 404 and (site_dir / "404.html").is_file() else None
    config = load_config(str(config_file))
    config.plugins.on_serve(server, config=config, builder=rebuild)
    rebuild()
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _show_mkdocs_log() -> None:
    """MkDocs logs through `logging`; without a handler its warnings would be silent."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.addFilter(_no_file_system_echo)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO if os.environ.get("KB_VERBOSE") else logging.WARNING)


@contextlib.contextmanager
def _logged_problems() -> Iterator[list[str]]:
    """The warnings and errors MkDocs logs while the block runs, as `WARNING: message` lines."""
    lines: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: lines.extend(f"{record.levelname}: {record.getMessage()}".splitlines())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)


def _no_file_system_echo(record: logging.LogRecord) -> bool:
    """MkDocs logs a page's error before raising it again. A file-system error (its text starts with
    `[Errno N]`) is then reported by the build in one line: the echo would only repeat it."""
    return not re.match(r"Error (building|reading) page '.*': \[Errno \d+\]", record.getMessage())
