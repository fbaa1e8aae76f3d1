"""Record ids in the house style, and what `make new` says about the id it is given.

An id is an ASCII kebab-case slug (a–z, 0–9, hyphens) and is the record's file name and web
address. Norwegian letters are spelt as the report's records already spell them: Bærum →
`baerum`, førstevalg → `forstevalg`, formålet → `formalet`.
"""

from __future__ import annotations

import re
import unicodedata

from kb.issues import one_line
from kb.messages import Msg, msg

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 80  # as the model's Id allows

# Letters that Unicode does not take apart into a base letter and a mark: æ, ø and å as the
# existing ids spell them (å does decompose, but is listed to say so), and the Sami letters of
# Norwegian place names (Porsáŋgu, Guovdageaidnu's neighbours with đ and ŧ).
SPELLING = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t"})


def is_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(text) is not None


def id_from_name(name: str) -> str:
    """The id a name is written as: 'Bodø kommune' → 'bodo-kommune', 'Trondheim Parkering KF' →
    'trondheim-parkering-kf'; '' when nothing of it is a letter or digit."""
    # casefold: 'ß' → 'ss'; NFKD splits 'é' into 'e' and its accent, which is then dropped.
    text = unicodedata.normalize("NFKD", name.casefold().translate(SPELLING))
    text = "".join(char for char in text if not unicodedata.combining(char))
    slug = "-".join(re.findall(r"[a-z0-9]+", text))
    # Cut at a hyphen, not inside a word, when a name is longer than an id may be.
    return slug if len(slug) <= MAX_ID_LENGTH else slug[: MAX_ID_LENGTH + 1].rsplit("-", 1)[0]


def heading_id(text: str, separator: str = "-") -> str:
    """A heading's anchor: Python-Markdown's default slug with Norwegian letters spelt as in ids
    ('Nøkkeltall' → 'nokkeltall', 'Bærum kommune' → 'baerum-kommune'); the default drops them
    ('nkkeltall', 'brum-kommune'). MkDocs' toc extension calls it (hooks/records.py sets it)."""
    text = unicodedata.normalize("NFKD", text.lower().translate(SPELLING)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip()
    return re.sub(rf"[{separator}\s]+", separator, text)


def is_name(text: str) -> bool:
    """Words with spaces are a name ('Bodø kommune'), from which `make new` makes the id; one word
    that is not an id ('Bodø', 'bodo_kommune') is a mistyped id, which it does not change unasked."""
    return len(text.split()) > 1


def new_id_message(situation: str, *, given: str = "", made: str = "", path: str = "", kinds: tuple[str, ...] = ()) -> Msg:
    """What `make new` says in each situation, as a message in the editor's language: one line, but
    the usage (`make new` alone) lists the kinds and an example. `given` is shown as typed, made
    safe for a terminal."""
    shown = one_line(given)
    usage = msg(
        "new: say what kind of record to start and its id, e.g.\n  make new KIND=case ID=bodo-kommune\n"
        '  make new KIND=case ID="Bodø kommune"   (a name: the id bodo-kommune is made from it)\n'
        "kinds: {kinds}\n"
        "An id is lower-case a–z, digits and hyphens; it is the file name and the web address.",
        kinds=", ".join(kinds),
    )
    if situation == "usage":
        return usage
    if situation == "kind":
        return msg("new: unknown kind '{kind}'\n{usage}", kind=shown, usage=usage)
    if situation == "bad" and made:
        return msg("new: '{id}' is not a valid id (use lower-case a–z, digits and hyphens); did you mean '{made}'?", id=shown, made=made)
    if situation == "bad":
        return msg("new: '{id}' is not a valid id (use lower-case a–z, digits and hyphens)", id=shown)
    if situation == "taken":
        return msg("new: the id '{id}' is taken: {file} exists already; nothing was written", id=made, file=path)
    return msg("new: the id '{id}' is made from '{name}' (to change it, rename the file and its id: line)", id=made, name=shown)
