"""A synthetic knowledge base of any size, for benchmarks: never written into the real content.

    python benchmarks/synthetic.py N FOLDER [--seed S]

Writes a complete project into FOLDER: the real criteria, perspectives, findings, glossary and
hand-written pages, the MkDocs configuration, hooks and overrides, and N generated cases with
the real cases' shape (8–13 observations, 0–3 quotes, 2–7 informants, key figures, programmes,
criteria links) in both languages. Text is drawn from the real records' own words, so lengths
and vocabulary are realistic. The same N and seed always give the same files.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["mkdocs.yml", "mkdocs.en.yml", "hooks", "overrides", "criteria", "content"]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: five times faster
KINDS = ["kommune", "statlig-virksomhet", "kommunalt-foretak", "privat-virksomhet"]


def vocabulary() -> dict[str, list[str]]:
    """Words of the real cases, per language."""
    words: dict[str, list[str]] = {"nb": [], "en": []}

    def collect(value: object, lang: str | None = None) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                collect(item, key if key in words else lang)
        elif isinstance(value, list):
            for item in value:
                collect(item, lang)
        elif isinstance(value, str) and lang:
            words[lang] += re.findall(r"[^\W\d_]{3,}", value)

    for path in sorted((ROOT / "cases").glob("*.yml")):
        collect(yaml.safe_load(path.read_text("utf-8")))
    # Random words make no translation: a Norwegian glossary term in a text whose English is drawn at
    # random would fail the terminology check, so the Norwegian words of glossary terms are left out.
    term_words = glossary_words("nb")
    words["nb"] = [w for w in words["nb"] if not any(w.lower().startswith(t) and len(w) - len(t) <= 3 for t in term_words)]
    return words


def glossary_words(lang: str) -> set[str]:
    """Every word of every form (headword and variants) of the real glossary's terms in `lang`."""
    found: set[str] = set()
    for path in sorted((ROOT / "content" / "glossary").glob("*.yml")):
        term = yaml.safe_load(path.read_text("utf-8"))
        forms = [term["term"].get(lang) or "", *term.get("variants", {}).get(lang, [])]
        found.update(word.lower() for form in forms for word in re.findall(r"[^\W\d_]+", form))
    return found


class Writer:
    def __init__(self, seed: int, criteria: list[str], perspectives: list[str]):
        self.random = random.Random(seed)
        self.words = vocabulary()
        self.criteria, self.perspectives = criteria, perspectives

    def sentence(self, lang: str, low: int = 8, high: int = 20) -> str:
        words = self.random.choices(self.words[lang], k=self.random.randint(low, high))
        return " ".join(words).capitalize() + "."

    def text(self, low: int, high: int) -> dict[str, str]:
        count = self.random.randint(low, high)
        return {lang: " ".join(self.sentence(lang) for _ in range(count)) for lang in ("nb", "en")}

    def informant(self, number: int, i: int) -> dict[str, Any]:
        """One in ten may not be named: recorded by role only, as the repository is public."""
        if self.random.random() > 0.1:
            return {"id": f"person-{number}-{i}", "name": f"Person {number}-{i}", "role": self.title(), "publish_name": True}
        return {"id": f"role-{i}", "role": self.title(), "publish_name": False}

    def title(self) -> dict[str, str]:
        return {lang: self.sentence(lang, 3, 7).rstrip(".") for lang in ("nb", "en")}

    def pages(self) -> list[int]:
        start = self.random.randint(25, 80)
        return list(range(start, start + self.random.randint(1, 3)))

    def case(self, number: int) -> dict:
        observations = [
            {
                "id": f"observasjon-{i}",
                "perspective": self.random.choice(self.perspectives),
                "title": self.title(),
                "text": self.text(2, 5),
                "criteria": sorted(self.random.sample(self.criteria, self.random.randint(0, 3))),
                "pages": self.pages(),
            }
            for i in range(1, self.random.randint(8, 13) + 1)
        ]
        quotes = [
            {
                "id": f"sitat-{i}",
                "text": self.text(1, 3),
                "attribution": {"nb": f"Organisasjon {number}", "en": f"Organisation {number}"},
                "perspective": self.random.choice(self.perspectives),
                "criteria": sorted(self.random.sample(self.criteria, self.random.randint(0, 2))),
                "page": self.random.randint(25, 80),
            }
            for i in range(1, self.random.randint(0, 3) + 1)
        ]
        return {
            "id": f"case-{number:05d}",
            "name": {"nb": f"Organisasjon {number}", "en": f"Organisation {number}"},
            "kind": self.random.choice(KINDS),
            "key_figures": [
                {
                    "label": self.title(),
                    "value": f"{self.random.randint(1, 999)} {self.random.randint(100, 999)}",
                    "as_of": self.random.choice([2016, 2017]),
                    "page": self.random.randint(25, 80),
                }
                for _ in range(self.random.randint(3, 4))
            ],
            "summary": self.text(4, 8),
            "programmes": [
                {"name": self.sentence("nb", 1, 3).rstrip("."), "description": self.text(1, 3), "page": self.random.randint(25, 80)}
                for _ in range(self.random.randint(1, 8))
            ],
            "observations": observations,
            "quotes": quotes,
            "informants": [self.informant(number, i) for i in range(1, self.random.randint(2, 7) + 1)],
            "pages": self.pages(),
        }


def write_corpus(cases: int, folder: Path, seed: int = 2018) -> Path:
    """The project with `cases` synthetic cases in `folder` (emptied first); returns `folder`."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    criteria = sorted(p.stem for p in (ROOT / "criteria").glob("*.yml"))
    perspectives = sorted(p.stem for p in (ROOT / "content" / "perspectives").glob("*.yml"))
    # Findings and hand-written pages name the real cases; with synthetic cases they point at nothing.
    for finding in (folder / "content" / "findings").glob("*.yml"):
        data = yaml.safe_load(finding.read_text("utf-8"))
        data["cases"] = []
        finding.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    strip_case_links(folder)
    (folder / "cases").mkdir()
    writer = Writer(seed, criteria, perspectives)
    for number in range(1, cases + 1):
        record = writer.case(number)
        (folder / "cases" / f"{record['id']}.yml").write_text(yaml.dump(record, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=100), "utf-8")
    return folder


def strip_case_links(folder: Path) -> None:
    """`[Bergen](case:bergen)` -> `Bergen` in the copied texts: those cases are not in the corpus."""
    pattern = re.compile(r"\[([^\]]*)\]\(case:[^)]*\)")
    for path in list(folder.glob("criteria/*.yml")) + list(folder.glob("content/**/*.yml")) + list(folder.glob("content/*/*.md")):
        text = path.read_text("utf-8")
        if "(case:" in text:
            path.write_text(pattern.sub(r"\1", text), "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    write_corpus(args.cases, args.folder, args.seed)
    print(f"wrote {args.cases} cases to {args.folder}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
