"""The live preview's server process: every language built side by side as they are published (the
source language at `/`, English at `/en/`), so the language switch works, and rebuilt when a record
or page changes. While the content has errors, every page is an error page listing them.

The only MkDocs part, the server and its rebuild loop, is `kb.engine.serve`; what a rebuild does
and what a page shows meanwhile is decided here. Code changes restart this process (kb/supervisor.py).
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.build import config_file
from kb.engine import BuildFailed, WSGIApp, build_language, serve
from kb.issues import format_issue, one_line
from kb.labels import LANGS, LANGUAGES
from kb.messages import Msg, editor_language, listed, msg, translate
from kb.pipeline import load_content
from kb.site_links import LANG_PREFIX
from kb.stop import Stopped, stop_on_signals
from kb.supervisor import die_with_supervisor

# Answered at once, never held back by a build: the error page polls it to learn that a newer
# build is done (the tag of the last build). A dotted path, which no page of the site can have.
BUILD_PATH = "/.kb-preview/build"


@dataclass(frozen=True)
class Outcome:
    """What the last rebuild left: replaced as a whole, so a request never sees half of one."""

    build: int  # counts the rebuilds
    problems: tuple[str, ...] = ()  # shown instead of the site; none when the site was built
    server: int = field(default_factory=os.getpid)  # a restarted server counts from 1 again

    @property
    def tag(self) -> str:
        """Names this build among all the preview's servers: an error page reloads when it changes."""
        return f"{self.server}.{self.build}"


class Preview:
    """Both languages of `root` served at http://host:port/ from a temporary folder."""

    def __init__(self, root: Path, host: str, port: int) -> None:
        self.root = root.resolve()
        self.url = f"http://{host}:{port}/"
        self.outcome = Outcome(build=0)
        self.site_dir = Path(tempfile.mkdtemp(prefix="kb-preview-"))

    def rebuild(self) -> None:
        """Called by the server first and after each change: build, or keep the problems to show.
        Never raises but to stop (Ctrl-C, SIGTERM): a build that raised would leave every request
        waiting for the next one."""
        started = time.monotonic()
        problems = self.problems()
        self.outcome = Outcome(self.outcome.build + 1, problems)
        if self.outcome.build == 1:  # the first build: the server starts listening now
            self.announce()
        if problems:
            say(msg("serve: the site cannot be built; every page shows why until it is fixed ({url})", url=self.url), error=True)
        else:
            say(msg("serve: built in {seconds} s", seconds=f"{time.monotonic() - started:.1f}"))

    def problems(self) -> tuple[str, ...]:
        """Every language built into the site folder, or the lines that say why not: the content's
        issues as `validate` prints them, MkDocs' own complaints, or a traceback (a mistake in the
        code). The terminal gets them too, but for those MkDocs has printed itself."""
        said_in = editor_language()  # `serve --lang nb` passes it on (kb/messages.py: MESSAGES_ENV)
        try:
            content = load_content(self.root)
            if not content.ok():
                return printed(format_issue(issue, said_in) for issue in content.issues)
            for lang in LANGS:  # the source language first: MkDocs empties its site folder, the others' folders in it too
                prefix = LANG_PREFIX[lang]
                build_language(self.root / config_file(lang), self.site_dir / prefix, strict=True, content=content, serve_url=self.url + prefix)
            return ()
        except BuildFailed as error:
            return tuple(map(one_line, error.logged)) + printed(map(one_line, translate(error.message, said_in).splitlines()))
        except Exception:
            return printed(traceback.format_exc().splitlines())

    def app(self, site: WSGIApp) -> WSGIApp:
        """The server's request handler: the site's, but an error page for pages while the last
        build failed, and the number of the last build at BUILD_PATH."""

        def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            if path == BUILD_PATH:
                return respond(start_response, "200 OK", "text/plain", self.outcome.tag)
            if not is_page(path):
                return site(environ, start_response)
            held: list[tuple[Any, ...]] = []
            body = site(environ, lambda *response: held.append(response))
            # Read after the site's handler waited for a running build to end: that build's outcome.
            outcome = self.outcome
            if not outcome.problems:
                start_response(*held[0])
                return body
            getattr(body, "close", lambda: None)()
            return respond(start_response, "500 Internal Server Error", "text/html", error_page(outcome))

        return application

    def announce(self) -> None:
        where = [msg("{language} at {url}", language=Msg(LANGUAGES[lang].language.english_name), url=self.url + LANG_PREFIX[lang]) for lang in LANGS]
        say(msg("serve: {languages} (Ctrl-C stops)", languages=listed(where)))

    def close(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)


def say(message: str, *, error: bool = False) -> None:
    """One line to the terminal, in the editor's language."""
    print(translate(message, editor_language()), file=sys.stderr if error else sys.stdout, flush=True)


def printed(lines: Iterable[str]) -> tuple[str, ...]:
    """`lines`, after printing them to the terminal (stderr), as validate does."""
    lines = tuple(lines)
    print("\n".join(lines), file=sys.stderr, flush=True)
    return lines


def is_page(path: str) -> bool:
    """A request for a page (a folder, an .html file or a name without a suffix), not for a
    stylesheet, script, image or data file, nor MkDocs' live-reload poll."""
    name = path.rsplit("/", 1)[-1]
    return not path.startswith("/livereload/") and (name == "" or name.endswith(".html") or "." not in name)


def respond(start_response: Callable[..., Any], status: str, media_type: str, text: str) -> list[bytes]:
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", f"{media_type}; charset=utf-8"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")])
    return [body]


# The page reloads itself when a newer build is done (the next save), fixed or not: without script,
# every few seconds.
ERROR_PAGE = """<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Innholdet har feil · The content has errors</title>
<noscript><meta http-equiv="refresh" content="3"></noscript>
<style>
body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }}
h1 {{ font-size: 1.5rem; color: #b00020; }}
pre {{ background: #f6f6f6; border-left: 4px solid #b00020; padding: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>Innholdet har feil <span lang="en">· The content has errors</span></h1>
<p>Siden kan ikke bygges. Rett det som står under og lagre filen: denne siden lastes inn på nytt av seg
selv, og nettstedet vises igjen. <code>make validate</code> skriver de samme linjene.</p>
<p lang="en">The site cannot be built. Fix what is listed below and save the file: this page reloads by
itself and the site comes back. <code>make validate</code> prints the same lines.</p>
<pre>{lines}</pre>
</main>
<script>
(function poll() {{
  fetch("{build_path}", {{cache: "no-store"}}).then(function (response) {{ return response.text(); }}).then(
    function (build) {{ if (build !== "{build}") location.reload(); else setTimeout(poll, 500); }},
    function () {{ setTimeout(poll, 2000); }});
}})();
</script>
</body>
</html>
"""


def error_page(outcome: Outcome) -> str:
    """The page shown for every page of the site while the last build failed; every line escaped."""
    return ERROR_PAGE.format(lines="\n".join(html.escape(line) for line in outcome.problems), build_path=BUILD_PATH, build=outcome.tag)


def run_server(root: Path, host: str, port: int) -> int:
    """`serve --no-restart`: the server in this process, with the code it started with, until Ctrl-C
    or SIGTERM (130, 143); its folder is removed either way."""
    die_with_supervisor()
    preview = Preview(root, host, port)
    # Every page's own address (canonical, hreflang, citations) is the preview's, whatever the
    # environment holds for publishing; the hook derives each language's from it.
    os.environ["SITE_URL"] = preview.url
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        with stop_on_signals():
            serve(host, port, preview.site_dir, root / config_file(LANGS[0]), rebuild=preview.rebuild, wrap=preview.app)
    except KeyboardInterrupt:  # during the first build; afterwards the server takes it as its end
        return 130
    except Stopped as stop:
        return 128 + stop.signum
    finally:
        preview.close()
    return 0
