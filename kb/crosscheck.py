"""The checks that need every record at once, run on facts (`kb/facts.py`), never on records.

Ids are file names, so "does this id exist?" is answered by the files on disk: a reference to a
record that exists but is broken is not a second error. Hints suggest records that have a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kb.facts import RecordFacts, Reference
from kb.issues import Issue, did_you_mean
from kb.kinds import record_kind, record_kinds
from kb.load import Sources
from kb.markdown import BLOCK_NAMES, find_blocks, find_record_links
from kb.messages import Msg, msg
from kb.record_rules import CRITERION_CODE

# Listing every known id is a useful hint for the nine criteria, not for a thousand cases.
MAX_LISTED_IDS = 12


def crosscheck(facts: list[RecordFacts], sources: Sources) -> list[Issue]:
    """Every problem between records and in the hand-written pages' links, in no particular order."""
    kinds = record_kinds()
    known: dict[str, set[str]] = {kind.name: set() for kind in kinds}  # every record file, readable or not
    for kind_name, rel in sources.record_files:
        known[kind_name].add(rel.stem)
    shown: dict[str, dict[str, RecordFacts]] = {kind.name: {} for kind in kinds}  # the records that get a page, by id
    for f in facts:
        if f.shown:
            shown[f.kind][f.file.stem] = f  # shown: its id is its file name
    issues = [id_mismatch(f, known) for f in facts if f.id is not None and f.id != f.file.stem]
    for kind in kinds:
        if kind.numbered:
            issues += number_issues(kind.name, shown[kind.name].values())
    for f in facts:
        issues += reference_issues(f, known, shown)
    for page in sources.pages:
        for name, line in find_blocks(page.text):
            if name not in BLOCK_NAMES:
                hint = did_you_mean(name, BLOCK_NAMES) or msg("known: {names}", names=", ".join(BLOCK_NAMES))
                issues.append(Issue(page.file, (), msg("unknown overview block 'kb:{name}'", name=name), hint, line=line))
        for link in find_record_links(page.text):
            if link.id not in known[link.kind]:
                line = page.text[: page.text.find(f"{link.kind}:{link.id}")].count("\n") + 1
                message = msg("unknown {kind} '{id}' in link", kind=Msg(link.kind), id=link.id)
                issues.append(Issue(page.file, (), message, did_you_mean(link.id, shown[link.kind]), line=line))
    return issues


def id_mismatch(f: RecordFacts, known: dict[str, set[str]]) -> Issue:
    """Ids are file names, so a copied file keeping its old id is the usual duplicate."""
    if f.id in known[f.kind]:
        other = record_kind(f.kind).folder + f"/{f.id}.yml"
        message = msg("duplicate {kind} id '{id}': it is the id of {other}", kind=Msg(f.kind), id=f.id or "", other=other)
        hint = msg("use '{name}', the file name", name=f.file.stem)
    else:
        message, hint = msg("id '{id}' differs from the file name", id=f.id or ""), msg("use '{name}' or rename the file", name=f.file.stem)
    return Issue(f.file, ("id",), message, hint, line=f.id_line)


def number_issues(kind: str, records: Iterable[RecordFacts]) -> Iterator[Issue]:
    """Numbers are what readers quote (K3): two records of a numbered kind may not share one."""
    seen: dict[int, str] = {}
    for f in sorted(records, key=lambda f: f.id or ""):
        if f.number in seen:
            message = msg("number {number} is also used by '{other}'", number=f.number, other=seen[f.number])
            yield Issue(f.file, ("number",), message, msg("each {kind} has its own number", kind=Msg(kind)), line=f.number_line)
        elif f.number is not None:
            seen[f.number] = f.id or ""


def reference_issues(f: RecordFacts, known: dict[str, set[str]], shown: dict[str, dict[str, RecordFacts]]) -> Iterator[Issue]:
    """Every id a record points at must exist; a record link in a text may also name an anchor."""
    for ref in f.references:
        if ref.id not in known[ref.kind]:
            yield unknown_id(f, ref, shown)
    for ref in f.links:
        if (ref.kind, ref.id) == (f.kind, f.file.stem) and not ref.anchor:
            message = msg("the text links to its own {kind} '{id}'", kind=Msg(f.kind), id=ref.id)
            yield Issue(f.file, ref.loc, message, msg("link another record, or remove the link"), line=ref.line)
        elif ref.id not in known[ref.kind]:
            yield unknown_id(f, ref, shown)
        elif ref.anchor and ref.kind == "case" and ref.id in shown["case"] and ref.anchor not in (anchors := shown["case"][ref.id].anchors):
            message = msg("case '{id}' has no observation or quote '{anchor}'", id=ref.id, anchor=ref.anchor)
            yield Issue(f.file, ref.loc, message, did_you_mean(ref.anchor, anchors), line=ref.line)


def unknown_id(f: RecordFacts, ref: Reference, shown: dict[str, dict[str, RecordFacts]]) -> Issue:
    if ref.kind == "criterion" and CRITERION_CODE.match(ref.id):
        return criterion_code(f, ref, shown["criterion"])
    ids = shown[ref.kind]
    hint = did_you_mean(ref.id, ids)
    if hint is None and 0 < len(ids) <= MAX_LISTED_IDS:
        hint = msg("known: {names}", names=", ".join(sorted(ids)))
    return Issue(f.file, ref.loc, msg("unknown {kind} '{id}'", kind=Msg(ref.kind), id=ref.id), hint, line=ref.line)


def criterion_code(f: RecordFacts, ref: Reference, criteria: dict[str, RecordFacts]) -> Issue:
    """Readers know the criteria as K1–K9; a record names them by id, which the hint gives."""
    number = int(ref.id[1:])
    named = next((c.id for c in criteria.values() if c.number == number), None)
    hint = msg("K{number} is '{id}'", number=number, id=named) if named else msg("no criterion has number {number}", number=number)
    return Issue(f.file, ref.loc, msg("'{code}' is a criterion's code: write its id", code=ref.id), hint, line=ref.line)
