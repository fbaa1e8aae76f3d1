"""Editor and publisher commands. Each command's docstring is its --help.

python -m kb validate [--strict]   check every record and page, report all issues
python -m kb build [--strict]      validate, then build both languages into site/
python -m kb serve [--lang en]     live preview of both languages; restarts when the code changes
python -m kb new KIND ID|NAME      start a record from its template (criterion, case, …)
python -m kb translations [--check]  English texts missing or older than their Norwegian
python -m kb stats                 records, texts and words per kind and language
python -m kb export FOLDER         write the open data and the pages as Markdown (for other engines)
python -m kb schema [--check]      write (or check) the editors' JSON Schemas and templates

Messages are in Norwegian with --lang nb (before the command) or when the locale is Norwegian
(LC_ALL, LC_MESSAGES or LANG starting with nb, no or nn), in English otherwise.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

from kb.issues import Severity, format_issue, one_line, sort_issues
from kb.kinds import kind_names, record_kind, record_kinds
from kb.labels import LANGS
from kb.messages import MESSAGES_ENV, Msg, editor_language, listed, msg, translate
from kb.pipeline import Checked, check_content, load_content

ROOT = Path(__file__).resolve().parent.parent


def cmd_validate(args: argparse.Namespace) -> int:
    """Check every record and hand-written page; print all issues as `file:line: field: message`.

    Exit status 1 if there are errors (or, with --strict, warnings too). Records unchanged since the
    last run are not read again (their facts are cached outside the repository; KB_CACHE=off or
    --no-cache reads everything)."""
    checked = check_content(args.root, cached=not args.no_cache)
    return report("validate", checked, args.strict, args.message_lang)


def say(lang: str, message: str, *, error: bool = True) -> None:
    """One message to the editor, in their language: on stderr when it is an error."""
    print(translate(message, lang), file=sys.stderr if error else sys.stdout)


def report(command: str, checked: Checked, strict: bool, lang: str) -> int:
    """Print every issue and a summary line; 0 when the content passes, 1 when it does not."""
    for issue in checked.issues:
        print(format_issue(issue, lang), file=sys.stderr)
    errors = sum(i.severity is Severity.ERROR for i in checked.issues)
    warnings = len(checked.issues) - errors
    # A kind's plural is data (kb/kinds.py): translated as a template of its own, where a language has it.
    counts = ", ".join(f"{checked.shown[kind.name]} {translate(Msg(kind.plural), lang)}" for kind in record_kinds())
    if not checked.ok(strict=strict):
        say(lang, msg("{command}: {errors} error(s), {warnings} warning(s) ({counts})", command=command, errors=errors, warnings=warnings, counts=counts))
        return 1
    say(lang, msg("{command}: ok, {warnings} warning(s) ({counts})", command=command, warnings=warnings, counts=counts), error=False)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Validate, then build the Norwegian site into site/ and the English one into site/en/.

    The build happens in a temporary folder; site/ is replaced in one step, and only when both
    languages succeed. A second build started meanwhile waits for the first. Ctrl-C, SIGTERM and
    SIGHUP stop the build and leave site/ as it was (exit status 130, 143, 129)."""
    from kb.build import BuildFailed, build_site
    from kb.stop import Stopped, stop_on_signals

    lang = args.message_lang
    content = load_content(args.root)
    if report("validate", content, args.strict, lang) != 0:
        say(lang, msg("build: nothing was built; site/ is unchanged"))
        return 1
    try:
        with stop_on_signals():
            build_site(args.root, args.site_dir or args.root / "site", content=content)
    except BuildFailed as error:
        say(lang, msg("build failed: {error}", error=error.message))
        say(lang, msg("build: site/ is unchanged"))
        return 1
    except KeyboardInterrupt:
        say(lang, msg("build: interrupted; site/ is unchanged"))
        return 130
    except Stopped as stop:
        say(lang, msg("build: stopped by {signal}; site/ is unchanged", signal=stop.name))
        return 128 + stop.signum
    say(lang, msg("build: ok, {site}/ (Norwegian) and {site}/en/ (English)", site=str(args.site_dir or "site")), error=False)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Live preview of both languages: Norwegian at http://127.0.0.1:8000/, English at http://127.0.0.1:8000/en/.

    A changed record or page is rebuilt at once and open pages reload. A change to the code (kb/,
    hooks/, languages/, overrides/, mkdocs*.yml) restarts the server, so the new code runs. While
    the content has errors, every page lists them, as validate prints them, and reloads itself once
    they are fixed. --lang en serves the same preview on port 8001 (English at
    http://127.0.0.1:8001/en/). Ctrl-C (or SIGTERM) stops the server."""
    # One port per language, in their order: 8000 for the source language, 8001 for the next …
    address = args.address or f"127.0.0.1:{8000 + LANGS.index(args.lang)}"
    host, _, port_text = address.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port_text.isdigit():
        say(args.message_lang, msg("serve: '{address}' is not host:port (e.g. 127.0.0.1:8000)", address=one_line(address)))
        return 2
    # The server (and the hook in it) says its errors in the language chosen here (`--lang`), not only the locale's.
    os.environ[MESSAGES_ENV] = args.message_lang
    if args.no_restart:
        from kb.preview import run_server

        return run_server(args.root, host, int(port_text))
    from kb.supervisor import address_in_use, supervise

    if address_in_use(host, int(port_text)):
        other = f"{host}:{int(port_text) + 2}"
        say(
            args.message_lang,
            msg("serve: {address} is in use (another preview?); choose another address, e.g. --address {other}", address=address, other=other),
        )
        return 1
    return supervise(args.root, [sys.executable, "-m", "kb", "--root", str(args.root), "serve", "--no-restart", "--address", address])


def cmd_export(args: argparse.Namespace) -> int:
    """Write the open data (data/) and every page as Markdown (markdown/nb/, markdown/en/) to a folder.

    The Markdown is what MkDocs builds, with record links resolved: other engines can build it."""
    from kb.build_date import build_date
    from kb.export import export_pages, unpublished_names_in

    content = load_content(args.root)
    if not content.ok(strict=args.strict):
        for issue in content.issues:
            print(format_issue(issue, args.message_lang), file=sys.stderr)
        say(args.message_lang, msg("export: nothing was written"))
        return 1
    written = export_pages(content, args.folder, args.site_url, with_files=args.with_files, updated=build_date(args.root))
    found = unpublished_names_in(written)
    if found:
        say(args.message_lang, msg("export: nothing was written; these would name a person who may not be named: {files}", files=listed(found)))
        return 1
    for path, text in sorted(written.items()):
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # the zip of the open data
            path.write_bytes(text)
        else:
            path.write_text(text, "utf-8")
    say(args.message_lang, msg("export: {count} files in {folder}/", count=len(written), folder=str(args.folder)), error=False)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Start a new record of one kind (criterion, case, …: see KIND) from its template.

    ID is the new record's id (lower-case a–z, digits and hyphens), or a name with spaces that the
    id is made from ("Bodø kommune" → bodo-kommune). Writes e.g. cases/<id>.yml with every field
    present and empty, and the schema line for editor help. Refuses an id that is taken. `make
    validate` then lists what to fill in."""
    from kb.ids import id_from_name, is_id, is_name, new_id_message

    if args.kind not in kind_names() or not args.id:
        unknown = args.kind and args.kind not in kind_names()
        say(args.message_lang, new_id_message("kind" if unknown else "usage", given=args.kind, kinds=kind_names()))
        return 2
    kind = record_kind(args.kind)
    record_id = args.id if is_id(args.id) else id_from_name(args.id)
    # A name becomes an id; a mistyped id is not changed unasked, only corrected in the message.
    if record_id != args.id and not (record_id and is_name(args.id)):
        say(args.message_lang, new_id_message("bad", given=args.id, made=record_id))
        return 1
    path = f"{kind.folder}/{record_id}.yml"
    target = args.root / path
    if target.exists():
        say(args.message_lang, new_id_message("taken", made=record_id, path=path))
        return 1
    try:
        template = (args.root / kind.template).read_text("utf-8")
    except FileNotFoundError:
        say(args.message_lang, msg("new: no template for a {kind} ({template} is missing); nothing was written", kind=kind.name, template=kind.template))
        return 1
    except OSError as error:  # a folder in its place, no permission: a line the editor can act on
        reason = error.strerror or str(error)
        say(args.message_lang, msg("new: cannot read {template}: {reason}; nothing was written", template=kind.template, reason=reason))
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template.replace("{id}", record_id), "utf-8")
    if record_id != args.id:
        say(args.message_lang, new_id_message("made", given=args.id, made=record_id), error=False)
    say(args.message_lang, msg("new: wrote {file}; fill in the empty values, then run: make validate", file=path), error=False)
    return 0


def cmd_translations(args: argparse.Namespace) -> int:
    """List English texts that are missing or may be out of date (the Norwegian changed after them).

    Reads the dates from git. With --check, exit status 1 if there are any (for CI)."""
    from kb.load import load_sources
    from kb.translation import translation_issues

    issues = sort_issues(translation_issues(args.root, load_sources(args.root)))
    for issue in issues:  # every line here is a warning: no need to say so on each
        print(format_issue(dataclasses.replace(issue, severity=Severity.ERROR), args.message_lang))
    summary = msg("translations: {count} English text(s) missing or possibly out of date", count=len(issues))
    say(args.message_lang, summary if issues else msg("translations: every text has an up-to-date English translation"), error=False)
    return 1 if issues and args.check else 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Count the records of each kind, their texts, and the words in each language."""
    from kb.load import load_sources
    from kb.stats import stats_table

    print("\n".join(stats_table(load_sources(args.root))))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas in schemas/ from the model, the editor setting that maps each record
    folder to its schema (.vscode/settings.json) and the templates of `new` (templates/); with
    --check, only report stale files."""
    from kb.schema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas(args.root)
        for name in stale:
            say(args.message_lang, msg("{name}: out of date (run: make schemas)", name=name))
        return 1 if stale else 0
    for name in write_schemas(args.root):
        say(args.message_lang, msg("wrote {name}", name=name), error=False)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m kb", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this checkout)")
    # Not `serve --lang`, the site's language: this one is the editor's, for every command's messages.
    main.add_argument(
        "--lang",
        dest="message_lang",
        choices=list(LANGS),
        help="language of the messages (default: from the locale, LC_ALL / LC_MESSAGES / LANG; else English)",
    )
    commands = main.add_subparsers(dest="command", required=True)
    commands_list = [
        ("validate", cmd_validate),
        ("build", cmd_build),
        ("serve", cmd_serve),
        ("new", cmd_new),
        ("translations", cmd_translations),
        ("stats", cmd_stats),
        ("export", cmd_export),
        ("schema", cmd_schema),
    ]
    for name, func in commands_list:
        sub = commands.add_parser(name, help=(func.__doc__ or "").splitlines()[0], description=func.__doc__)
        sub.set_defaults(func=func)
        if name in ("validate", "build", "export"):
            sub.add_argument(
                "--strict",
                action="store_true",
                default=os.environ.get("STRICT") == "1",
                help="treat warnings (e.g. missing English) as errors; STRICT=1 does the same",
            )
        if name == "validate":
            sub.add_argument("--no-cache", action="store_true", help="read every record again instead of reusing the facts of unchanged files")
        if name == "build":
            sub.add_argument("--site-dir", type=Path, help="where to put the site (default: site/)")
        if name == "serve":
            sub.add_argument("--lang", choices=list(LANGS), default=LANGS[0], help="8000 for nb, 8001 for en: the default port (both languages are served)")
            sub.add_argument("--address", help="host:port to serve on (default 127.0.0.1:8000, or 8001 with --lang en)")
            sub.add_argument("--no-restart", action="store_true", help="serve in this process, without restarting when the code changes")
        if name == "export":
            sub.add_argument("folder", type=Path, help="where to write (created if missing)")
            sub.add_argument("--site-url", default=os.environ.get("SITE_URL"), help="published address, for citations")
            sub.add_argument("--with-files", action="store_true", help="also write the files a site serves beside its pages (data/, /k1/ short links)")
        if name == "new":
            # Both optional, so that `make new` alone prints the kinds and an example instead of argparse's usage.
            sub.add_argument("kind", nargs="?", default="", help=f"what to create: {', '.join(kind_names())}")
            sub.add_argument("id", nargs="?", default="", help="the new record's id, which is also its file name, or a name to make it from")
        if name == "translations":
            sub.add_argument("--check", action="store_true", help="exit 1 if any English is missing or out of date")
        if name == "schema":
            sub.add_argument("--check", action="store_true", help="exit 1 if a schema file is stale")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.message_lang = editor_language(args.message_lang)
    return args.func(args)
