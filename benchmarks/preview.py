"""Benchmark: how long an editor waits for the preview (`make serve`) on the real content.

    python benchmarks/preview.py [--runs 3]

In a temporary copy of this project, on a free port, the median of several runs of the seconds from
  - starting `python -m kb serve` to the first page served (both languages built);
  - saving a changed record to the page showing the change (MkDocs' rebuild in the running server);
  - saving a broken record to the error page, and saving the fix to the page again;
  - saving a change to the code (kb/) to the page served by the restarted server.
Each is measured as a browser would see it: by asking for the page every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ["kb", "hooks", "overrides", "languages", "cases", "criteria", "content", "mkdocs.yml", "mkdocs.en.yml"]
PAGE = "/cases/bergen/"


def page(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:  # not listening (yet, or while restarting)
        return 0, ""


def seconds_until(done: Callable[[int, str], bool], url: str, since: float) -> float:
    while not done(*page(url)):
        if time.perf_counter() - since > 120:
            raise SystemExit(f"the preview did not answer as expected at {url} within 120 s")
        time.sleep(0.05)
    return time.perf_counter() - since


def edit(path: Path, old: str, new: str) -> float:
    """Replace `old` by `new` in the file; the moment it was saved."""
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    return time.perf_counter()


def one_run(root: Path) -> dict[str, float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}{PAGE}"
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "kb", "--root", str(root), "serve", "--address", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    case, labels = root / "cases" / "bergen.yml", root / "kb" / "labels.py"
    try:
        times = {"start to first page": seconds_until(lambda status, _: status == 200, url, started)}
        times["record saved to page changed"] = seconds_until(lambda _, body: "Bergen (målt)" in body, url, edit(case, "Bergen", "Bergen (målt)"))
        times["record broken to error page"] = seconds_until(lambda status, _: status == 500, url, edit(case, "criteria: [", "criteria: [ukjent, "))
        times["record fixed to page again"] = seconds_until(lambda status, _: status == 200, url, edit(case, "criteria: [ukjent, ", "criteria: ["))
        saved = time.perf_counter()
        with labels.open("a", encoding="utf-8") as code:
            code.write('\nLABELS["home"]["nb"] = "Forside (målt)"\n')
        times["code saved to page from new code"] = seconds_until(lambda _, body: "Forside (målt)" in body, url, saved)
        return times
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="kb-preview-bench-") as folder:
            root = Path(folder) / "repo"
            for name in PROJECT:
                source = ROOT / name
                (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
            runs.append(one_run(root))
    print(f"| step ({args.runs} run(s), median) | seconds |\n|---|---:|")
    for step in runs[0]:
        print(f"| {step} | {statistics.median(run[step] for run in runs):.2f} |")


if __name__ == "__main__":
    main()
