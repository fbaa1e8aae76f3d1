"""The kinds of record: the one table that says which kinds there are and how each is handled.

Loading, the checks, record links, rendering, navigation, export, the editors' schemas and
`make new` all read this registry; none of them lists the kinds itself. A kind declared elsewhere
(a test, a fork that adds more of the report) joins with `register`, touching no other module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb.labels import LABELS, LANGS, Lang
from kb.model import KindRecord

if TYPE_CHECKING:
    from kb.render.common import PageContext


def by_id(record: Any, lang: Lang) -> Any:
    return record.id


# Compared and hashed by identity: each kind is one object, and its functions have no useful equality.
@dataclass(frozen=True, eq=False)
class RecordKind:
    name: str  # "case": also its link prefix (`case:bergen`), its schema's and its template's name
    plural: str  # "cases": in messages and the validate summary
    model: type[KindRecord]
    folder: str  # where its records live, relative to the repository root: the folder decides the kind
    page_folder: str  # where its pages go in the site, the same in both languages
    export_name: str  # its open data: data/<export_name>.json and .csv
    section_label: str  # label key: its section in the navigation
    render_index: Callable[[PageContext], str]  # its overview page, <page_folder>/index.md
    # One page per record; None: its records are sections of the overview page, each an anchor.
    render_record: Callable[[Any, PageContext], str] | None
    nav_title: Callable[[Any, Lang], str]  # a record's short name in the navigation and the browser tab
    order: Callable[[Any, Lang], Any] = by_id  # sort key of its records in overviews, navigation and data
    nav_position: int = 100  # the navigation's sections come in this order: the order readers meet them
    numbered: bool = False  # each record has its own `number` (the criteria: K1 … K9)
    export_exclude: frozenset[str] = frozenset()  # fields left out of its JSON: they have files of their own
    # Texts of its label keys where kb/labels.py has none: a kind declared outside this package brings its own.
    labels: Mapping[str, Mapping[Lang, str]] = field(default_factory=dict)

    @property
    def single_page(self) -> bool:
        return self.render_record is None

    @property
    def template(self) -> str:
        """What `make new` copies, relative to the repository root."""
        return f"templates/{self.name}.yml"

    @property
    def data_label(self) -> str:
        """Label key of its open-data files on the data page."""
        return "data_" + self.export_name.replace("-", "_")

    def label(self, key: str, lang: Lang) -> str:
        return (self.labels.get(key) or LABELS[key])[lang]


# The registry, in its order: records are loaded, exported and given schemas in this order. Filled
# with this knowledge base's kinds when first read; `_names` is its keys as one tuple, since
# record links are matched against them in every text.
_kinds: dict[str, RecordKind] = {}
_names: list[tuple[str, ...]] = [()]
_own: dict[str, RecordKind] = {}  # this package's kinds, which every new process knows too


def record_kinds() -> list[RecordKind]:
    return list(_registry().values())


def nav_kinds() -> list[RecordKind]:
    """The kinds in the navigation's order, which is also the order their pages are generated in."""
    return sorted(_registry().values(), key=lambda kind: kind.nav_position)


def record_kind(name: str) -> RecordKind:
    """The kind called `name`; KeyError if there is none (a programming error: content is checked first)."""
    return (_kinds or _registry())[name]  # read for every link on every page: no call once filled


def kind_names() -> tuple[str, ...]:
    _registry()
    return _names[0]


def known_to_new_processes(name: str) -> bool:
    """Whether a fresh interpreter (a worker process) knows the kind: this package's own kinds, not
    one registered while running."""
    return _registry().get(name) is _own.get(name) is not None


def signature() -> str:
    """Changes whenever the registered kinds do: part of the key of anything kept across runs."""
    return "|".join(f"{k.name}:{k.folder}:{k.model.__module__}.{k.model.__qualname__}" for k in _registry().values())


def register(kind: RecordKind) -> None:
    """Add a kind after the others; ValueError, in one line, if it clashes with one or lacks a label."""
    _registry()
    _add(kind)


def unregister(name: str) -> None:
    """Remove a kind `register` added (a test cleaning up after itself)."""
    del _registry()[name]
    _names[0] = tuple(_kinds)


def _registry() -> dict[str, RecordKind]:
    if not _kinds:
        for kind in report_kinds():
            _add(kind)
            _own[kind.name] = kind
    return _kinds


def _add(kind: RecordKind) -> None:
    for problem in registration_problems(kind, list(_kinds.values())):
        raise ValueError(f"record kind '{kind.name}': {problem}")
    _kinds[kind.name] = kind
    _names[0] = tuple(_kinds)


def registration_problems(kind: RecordKind, others: list[RecordKind]) -> list[str]:
    """Why `kind` cannot join `others`: each name, folder and file name is one kind's only."""
    problems = []
    if not re.fullmatch(r"[a-z]+(-[a-z]+)*", kind.name):
        problems.append("its name is the prefix of record links: lower-case a–z and hyphens")
    if "id" not in kind.model.model_fields:
        problems.append("its model has no 'id' field")
    for what in ("name", "folder", "page_folder", "export_name"):
        taken = [other.name for other in others if getattr(other, what) == getattr(kind, what)]
        if taken:
            problems.append(f"its {what} '{getattr(kind, what)}' is that of '{taken[0]}'")
    for key in (kind.section_label, kind.data_label):
        if not all(lang in (kind.labels.get(key) or LABELS.get(key) or {}) for lang in LANGS):
            problems.append(f"no label '{key}' in both languages (add it to kb/labels.py or to the kind's labels)")
    return problems


def section_order(finding: Any, lang: Lang) -> Any:
    """'5.1.10' after '5.1.9': the report's section numbers compared as numbers."""
    return [int(n) for n in finding.section.split(".") if n.isdigit()], finding.id


# Norwegian letters sort after z, as in Norwegian.
_NORWEGIAN_ALPHABET = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def alphabetical_term(term: Any, lang: Lang) -> Any:
    """Terms in the alphabetical order of the page's language."""
    from kb.render.common import text_in  # the renderers read the registry: imported when used

    text = text_in(term.term, lang)
    return text.lower().translate(_NORWEGIAN_ALPHABET)


def report_kinds() -> list[RecordKind]:
    """The five kinds of this knowledge base, in the order of their data files and schemas."""
    # Imported here, when the registry is first read, not at the top: the renderers the kinds name
    # read the registry themselves (record paths, link syntax), so they load only once it exists.
    from kb.report_kinds import REPORT_KINDS

    return REPORT_KINDS


def content_folders() -> list[str]:
    """The top-level folders that hold the content: every kind's records and the hand-written pages
    (content/). What the preview watches, and where the content's last change is read from."""
    return sorted({kind.folder.split("/")[0] for kind in record_kinds()} | {"content"})
