"""Benchmark: validation and the full bilingual build at growing sizes, against plain MkDocs.

    python benchmarks/run.py [--sizes 10 100 1000 5000] [--runs 3] [--markdown FILE]

For each size N it writes a synthetic corpus (benchmarks/synthetic.py) into a temporary folder
and measures, each in a fresh process, the median of several runs of:
  - validate, as an editor runs it (`python -m kb validate`, the whole command: interpreter start,
    load + validate + link, report), three ways: cold (nothing cached: a fresh clone, CI), cached
    (nothing changed since the last run) and after changing one case file (the usual edit);
  - build: the whole bilingual site, as `make site` does (the two languages side by side in two
    processes where it can), with its peak memory; and the same in one process, the languages
    one after the other: what our code costs on top of MkDocs, however many cores there are;
  - plain MkDocs: the same pages (checked to be byte for byte what our hook hands MkDocs),
    written out by `python -m kb export`, built by MkDocs with the same site address, theme,
    plugins, Markdown extensions, link checks and navigation but without our hook, templates or
    sanitiser — the cost MkDocs itself has for this site;
and reports output and search-index sizes (whichever engine's files the site has), the overhead
ratios build / plain MkDocs, and the growth exponent between sizes (1 = linear, 2 = quadratic).
With Debian's Chromium it also measures what a reader downloads from the built site
(benchmarks/search.py): the home page, and one query (the median over benchmarks/search.py's
synthetic queries), in bytes transferred.
Public tools only: perf_counter and getrusage from Python's standard library, Playwright.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "scripts"))
import page_weight  # noqa: E402 - a script folder, not a package


def child(task: str, root: Path, out: Path) -> None:
    """Runs in a fresh process: one build measurement, printed as JSON."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    start = time.perf_counter()
    if task in ("build", "one-process"):
        import kb.build

        if task == "one-process":  # both languages in this process, one after the other
            kb.build.can_fork = lambda: False
        kb.build.build_site(root, out)
    elif task == "plain":
        from kb.build import build_language

        build_language(root / "plain.nb.yml", out, strict=False)
        build_language(root / "plain.en.yml", out / "en", strict=False)
    seconds = time.perf_counter() - start
    # Our build runs the English site in a child process at the same time: both processes'
    # memory is needed at once.
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "peak_mb": (own.ru_maxrss + children.ru_maxrss) / 1024}))


def measure_validate(root: Path, cache: Path, runs: int) -> dict[str, float]:
    """Median wall time of `python -m kb validate`: cold, cached, and with one case file changed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KB_CACHE": str(cache)}
    command = [sys.executable, "-m", "kb", "--root", str(root), "validate"]

    def timed(*extra: str) -> float:
        start = time.perf_counter()
        subprocess.run(command + list(extra), env=env, check=True, capture_output=True)
        return time.perf_counter() - start

    cold = [timed("--no-cache") for _ in range(runs)]
    timed()  # fills the cache
    cached = [timed() for _ in range(runs)]
    edited = next((root / "cases").glob("*.yml"))
    original = edited.read_bytes()
    one_changed = []
    for run in range(runs):
        edited.write_bytes(original + f"# edit {run}\n".encode())  # new bytes: this file is read again
        one_changed.append(timed())
    edited.write_bytes(original)
    return {"cold": statistics.median(cold), "cached": statistics.median(cached), "one_changed": statistics.median(one_changed)}


def measure_builds(root: Path, runs: int) -> dict[str, float]:
    """`runs` turns of our build, our build in one process and plain MkDocs, one after the other:
    each ratio is the median of the ratios within a turn, so a slow minute on a shared machine
    weighs on both sides of one ratio alike."""

    def once(task: str, out: Path) -> dict[str, float]:
        done = subprocess.run([sys.executable, __file__, "--child", task, str(root), str(out)], capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    ours, serial, plain = [], [], []
    for _ in range(runs):
        ours.append(once("build", root / "site"))
        serial.append(once("one-process", root / "serial-site"))
        plain.append(once("plain", root / "plain-site"))
    return {
        "build": statistics.median(r["seconds"] for r in ours),
        "serial": statistics.median(r["seconds"] for r in serial),
        "plain": statistics.median(r["seconds"] for r in plain),
        "ratio": statistics.median(a["seconds"] / b["seconds"] for a, b in zip(ours, plain, strict=True)),
        "serial_ratio": statistics.median(a["seconds"] / b["seconds"] for a, b in zip(serial, plain, strict=True)),
        "peak_mb": max(r["peak_mb"] for r in ours),
    }


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does without the environment: `!ENV [NAME, default]` is its default."""


ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
MKDOCS_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=ConfigLoader)
# The address our build uses: SITE_URL, or mkdocs.yml's site_url without it.
SITE_URL = os.environ.get("SITE_URL") or MKDOCS_CONFIG["site_url"]


def write_plain_projects(root: Path) -> None:
    """The exported Markdown as two MkDocs projects without our hook or overrides.

    Exported with our build's site address, so every page ends in the same citation block: the
    plain build must convert exactly the Markdown our hook hands MkDocs, which is checked here."""
    subprocess.run(
        [sys.executable, "-m", "kb", "--root", str(root), "export", str(root / "export"), "--with-files", "--site-url", SITE_URL],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    from kb.build_date import build_date
    from kb.pipeline import load_content
    from kb.render import render_site, site_nav
    from kb.site_links import language_site_url

    content = load_content(root)
    updated = build_date(root)  # the date the export's citations give, as our build's do
    base = MKDOCS_CONFIG
    for lang in ("nb", "en"):
        site_url = language_site_url(SITE_URL, lang)
        for path, text in render_site(content.catalog, lang, site_url, updated).items():
            if (root / "export/markdown" / lang / path).read_text("utf-8") != text:
                raise SystemExit(f"export/markdown/{lang}/{path} is not the page our build makes: the comparison would be unfair")
        config = {
            "site_name": "plain",
            "site_url": site_url,
            "docs_dir": f"export/markdown/{lang}",
            "use_directory_urls": True,
            "theme": {"name": "material", "language": lang, "font": False, "features": base["theme"]["features"]},
            # No plugins, as ours (the search index is our hook's step: part of what "ours" costs).
            "plugins": [],
            "markdown_extensions": base["markdown_extensions"],
            "validation": base["validation"],
            "nav": site_nav(content.catalog, lang, [p.path for p in content.pages if p.lang == lang]),
        }
        (root / f"plain.{lang}.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def reader_bytes(site: Path) -> dict[str, float] | None:
    """kB (1,024 bytes, as the other sizes) transferred per language: the home page, and the median
    query; None without Chromium."""
    from search import SYNTHETIC_QUERIES, measure_site, query_bytes

    if page_weight.chromium_missing():
        return None
    with page_weight.chromium() as browser:
        measured = measure_site(site, SYNTHETIC_QUERIES, browser)
    found: dict[str, float] = {}
    for lang in page_weight.LANGUAGES:
        found[f"home_{lang}_kb"] = measured["home"][lang]["bytes"] / 1024
        found[f"query_{lang}_kb"] = statistics.median(query_bytes(measured, lang)) / 1024
    return found


def pair(row: dict, key: str) -> str:
    """'nb / en' of a reader_bytes measure, or a dash where it was not measured."""
    if f"{key}_nb_kb" not in row:
        return "–"
    return f"{row[f'{key}_nb_kb']:,.1f} / {row[f'{key}_en_kb']:,.1f}"


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (one above 1,000 cases)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--real", action="store_true", help="also measure a copy of this project's real content (first row)")
    parser.add_argument("--child", nargs=3, metavar=("TASK", "ROOT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0

    from search import index_bytes
    from synthetic import COPIED, write_corpus

    rows = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        corpora = [("real", 0)] if args.real else []
        for kind, n in corpora + [("synthetic", n) for n in args.sizes]:
            runs = args.runs if n <= 1000 else 1
            if kind == "real":  # a copy: measuring "one file changed" edits a case file
                root = Path(tmp) / "real"
                root.mkdir()
                for name in (*COPIED, "cases"):
                    (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
                n = len(list((root / "cases").glob("*.yml")))
            else:
                root = write_corpus(n, Path(tmp) / f"n{n}")
            validate = measure_validate(root, Path(tmp) / f"cache-{n}", runs)
            write_plain_projects(root)
            builds = measure_builds(root, runs)
            rows.append(
                {
                    "kind": kind,
                    "n": n,
                    "runs": runs,
                    "validate": validate["cold"],
                    "cached": validate["cached"],
                    "one_changed": validate["one_changed"],
                    "build": builds["build"],
                    "serial": builds["serial"],
                    "plain": builds["plain"],
                    "ratio": builds["ratio"],
                    "serial_ratio": builds["serial_ratio"],
                    "peak_mb": builds["peak_mb"],
                    "site_mb": folder_bytes(root / "site") / 2**20,
                    "index_nb_kb": index_bytes(root / "site", "nb") / 1024,
                    "index_en_kb": index_bytes(root / "site", "en") / 1024,
                    **(reader_bytes(root / "site") or {}),
                }
            )
            print(f"N={n}: {rows[-1]}", file=sys.stderr, flush=True)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of the runs shown;"
        " ours / plain is the median of the ratios of runs made one after the other.",
        "",
        "| cases | runs | validate: cold (s) | cached (s) | one file changed (s) | full build (s) | in one process (s) | plain MkDocs (s) | ours / plain | in one process / plain | peak memory (MB) | site (MB) | search index nb / en (kB) | home page nb / en (kB transferred) | one query nb / en (kB transferred, median) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['n']:,}{' (the real content)' if row['kind'] == 'real' else ''} | {row['runs']} | {row['validate']:.2f} | {row['cached']:.2f} | {row['one_changed']:.2f} | "
            f"{row['build']:.1f} | {row['serial']:.1f} | {row['plain']:.1f} | "
            f"{row['ratio']:.2f} | {row['serial_ratio']:.2f} | {row['peak_mb']:.0f} | {row['site_mb']:.1f} | "
            f"{row['index_nb_kb']:,.0f} / {row['index_en_kb']:,.0f} | {pair(row, 'home')} | {pair(row, 'query')} |"
        )
    if reason := page_weight.chromium_missing():
        lines += ["", f"Home page and query bytes not measured: {reason}."]
    synthetic = [row for row in rows if row["kind"] == "synthetic"]
    if len(synthetic) > 1:
        lines += [
            "",
            "| growth between | validate (cold) exponent | validate (cached) exponent | build exponent | plain MkDocs exponent |",
            "|---|---:|---:|---:|---:|",
        ]
        for a, b in itertools.pairwise(synthetic):
            lines.append(
                f"| {a['n']:,} → {b['n']:,} | {exponent(a['n'], a['validate'], b['n'], b['validate']):.2f} | "
                f"{exponent(a['n'], a['cached'], b['n'], b['cached']):.2f} | "
                f"{exponent(a['n'], a['build'], b['n'], b['build']):.2f} | {exponent(a['n'], a['plain'], b['n'], b['plain']):.2f} |"
            )
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
