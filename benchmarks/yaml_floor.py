"""How much of reading a record is YAML itself: the floor under a cold `validate`.

    python benchmarks/yaml_floor.py [N]

Writes N synthetic cases (benchmarks/synthetic.py, default 1,000) into a temporary folder and
prints, per file, the median of three passes over all files of: libyaml's events through PyYAML,
PyYAML's C composer (nodes with their lines), PyYAML's own `yaml.load` with the C loader, our
reading (`kb.load.load_record`), every check of a file (`kb.validate.check_record_file`), and
`json.loads` of the same data for scale. The collector is off, as in our code.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def per_file_ms(work: Callable[[], object], files: int) -> float:
    passes = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        passes.append(time.perf_counter() - start)
    return statistics.median(passes) * 1000 / files


def main() -> int:
    from synthetic import write_corpus

    from kb.load import load_record
    from kb.validate import check_record_file

    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    loader = yaml.CSafeLoader
    with tempfile.TemporaryDirectory(prefix="kb-yaml-") as tmp:
        root = write_corpus(cases, Path(tmp) / "corpus")
        files = sorted((root / "cases").glob("*.yml"))
        raws = [path.read_bytes() for path in files]
        texts = [raw.decode("utf-8") for raw in raws]
        rels = [path.relative_to(root) for path in files]
    data = [yaml.load(text, Loader=loader) for text in texts]
    dumped = [json.dumps(item, default=str) for item in data]
    steps = {
        "libyaml events through PyYAML": lambda: [list(yaml.parse(text, Loader=loader)) for text in texts],
        "PyYAML C composer (nodes, lines)": lambda: [yaml.compose(text, Loader=loader) for text in texts],
        "yaml.load, C loader": lambda: [yaml.load(text, Loader=loader) for text in texts],
        "our reading (kb.load)": lambda: [load_record("case", rel, raw, []) for rel, raw in zip(rels, raws, strict=True)],
        "every check of a file": lambda: [check_record_file("case", rel, raw) for rel, raw in zip(rels, raws, strict=True)],
        "json.loads, same data": lambda: [json.loads(text) for text in dumped],
    }
    print(f"{cases} case files, {sum(map(len, raws)) / len(raws) / 1024:.1f} kB on average; ms per file:")
    gc.disable()
    for name, work in steps.items():
        print(f"  {name:34s} {per_file_ms(work, len(files)):6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
