"""A glossary term's search words: everyday words readers type for the concept (sykehjem for
velferdsteknologi), for the search only, never read by the terminology check.

Each mistake in them is one line of `validate --strict`, exactly, in English and in Norwegian,
read afresh and from the cache; the real glossary holds the words issue 16 measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, validate
from test_record_rules import check, check_nb  # the same run, afresh and from the cache

from kb.export import export_files
from kb.model import Term
from kb.pipeline import load_content
from kb.record_rules import search_word_problems

TERM = "content/glossary/eierskap.yml"
VARIANTS = "variants: {nb: [eierskapet], en: [owning]}\n"
CASE = "cases/testby.yml"


def add_search_words(root: Path, nb: list[str], en: str = "[]") -> None:
    """`search_words:` after the fixture term's variants, a Norwegian word a line (the first on line 6)."""
    text = (root / TERM).read_text("utf-8")
    assert text.count(VARIANTS) == 1
    block = "search_words:\n  nb:\n" + "".join(f"    - {word}\n" for word in nb) + f"  en: {en}\n"
    (root / TERM).write_text(text.replace(VARIANTS, VARIANTS + block), "utf-8")


@pytest.mark.unit
def test_the_model_reads_search_words_per_language_apart_from_the_variants():
    term = Term.model_validate({
        "id": "eierskap", "term": {"nb": "eierskap", "en": "ownership"}, "variants": {"nb": ["eierskapet"]},
        "search_words": {"nb": ["eiermakt", " styring "], "en": ["stewardship"]},
        "definition": {"nb": "Å eie omstillingen.", "en": "Owning the transformation."}, "pages": [55],
    })
    assert (term.search_words.nb, term.search_words.en, term.variants.nb) == (["eiermakt", "styring"], ["stewardship"], ["eierskapet"])
    assert Term.model_validate({**term.model_dump(), "search_words": {}}).search_words.nb == []  # optional, like the variants


@pytest.mark.unit
def test_plain_words_pass_and_a_word_may_lead_to_several_terms(content, capsys):
    """Letters of any language, digits, blanks, hyphens and apostrophes; the other language's forms
    are not this language's ('owning' is an English variant, not a Norwegian one); and the same
    everyday word in a second term is allowed."""
    add_search_words(content, ["eiermakt", "eier-styring", "eiers ansvar", "ledelsens mål 2", "owning", "kontroll"], "[owner's stake, ownership model]")
    (content / "content/glossary/styring.yml").write_text(
        "id: styring\nterm: {nb: styring, en: governance}\nsearch_words: {nb: [kontroll], en: [control]}\n"
        "definition: {nb: Å styre arbeidet., en: Governing the work.}\npages: [55]\n", "utf-8")
    assert validate(content, capsys, "--strict", "--no-cache") == (0, [])


@pytest.mark.unit
def test_a_search_word_in_a_text_asks_nothing_of_its_translation(content, capsys):
    """Unlike a variant: 'eiermakt' in the Norwegian does not ask for 'ownership' in the English."""
    add_search_words(content, ["eiermakt"])
    text = (content / CASE).read_text("utf-8").replace("nb: Testby digitaliserer.", "nb: Testby har eiermakt.")
    (content / CASE).write_text(text, "utf-8")
    assert validate(content, capsys, "--strict", "--no-cache") == (0, [])


# (the Norwegian words, the English words, the English line, the Norwegian line)
MISTAKES = [
    pytest.param(['""'], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: text is empty (write the word, or delete the empty item)",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: teksten er tom (skriv ordet, eller slett det tomme punktet)",
                 id="empty"),
    pytest.param(['"   "'], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: text is empty (write the word, or delete the empty item)",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: teksten er tom (skriv ordet, eller slett det tomme punktet)",
                 id="blank"),
    pytest.param(["eiermakt", "Eierskap"], "[]",
                 "content/glossary/eierskap.yml:7: search_words.nb[1]: search word 'Eierskap' is the term itself "
                 "(delete it: search finds the term's own forms without it)",
                 "content/glossary/eierskap.yml:7: search_words.nb[1]: søkeordet 'Eierskap' er selve begrepet "
                 "(slett det: søket finner begrepets egne former uten det)",
                 id="the term itself, another case"),
    pytest.param(["EIERSKAPET"], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: search word 'EIERSKAPET' is already one of the variants "
                 "(delete it: search finds the term's own forms without it)",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: søkeordet 'EIERSKAPET' er allerede en av variantene "
                 "(slett det: søket finner begrepets egne former uten det)",
                 id="a variant"),
    pytest.param(["eiermakt"], "[stewardship, Owning]",
                 "content/glossary/eierskap.yml:7: search_words.en[1]: search word 'Owning' is already one of the variants "
                 "(delete it: search finds the term's own forms without it)",
                 "content/glossary/eierskap.yml:7: search_words.en[1]: søkeordet 'Owning' er allerede en av variantene "
                 "(slett det: søket finner begrepets egne former uten det)",
                 id="an English variant"),
    pytest.param(["eiermakt", "kontroll", "Eiermakt"], "[]",
                 "content/glossary/eierskap.yml:8: search_words.nb[2]: search word 'Eiermakt' is listed twice (also used at search_words.nb[0])",
                 "content/glossary/eierskap.yml:8: search_words.nb[2]: søkeordet 'Eiermakt' står to ganger (også brukt ved search_words.nb[0])",
                 id="twice"),
    pytest.param(["«eiermakt»"], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: search word '«eiermakt»' has '«': only letters, digits, spaces, "
                 "hyphens and apostrophes are allowed (write it as readers type it, e.g. 'eiermakt')",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: søkeordet '«eiermakt»' har '«': bare bokstaver, sifre, mellomrom, "
                 "bindestrek og apostrof er tillatt (skriv det slik leserne skriver det, for eksempel 'eiermakt')",
                 id="quotation marks"),
    pytest.param(['"*eiermakt*"'], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: search word '*eiermakt*' has '*': only letters, digits, spaces, "
                 "hyphens and apostrophes are allowed (write it as readers type it, e.g. 'eiermakt')",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: søkeordet '*eiermakt*' har '*': bare bokstaver, sifre, mellomrom, "
                 "bindestrek og apostrof er tillatt (skriv det slik leserne skriver det, for eksempel 'eiermakt')",
                 id="markdown"),
    pytest.param(["eiermakt, kontroll"], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: search word 'eiermakt, kontroll' has ',': only letters, digits, "
                 "spaces, hyphens and apostrophes are allowed (put each word in a list item of its own)",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: søkeordet 'eiermakt, kontroll' har ',': bare bokstaver, sifre, "
                 "mellomrom, bindestrek og apostrof er tillatt (skriv hvert ord som et eget listepunkt)",
                 id="a list on one line"),
    pytest.param(['"eier\\u00a0makt"'], "[]",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: search word 'eier\u00a0makt' has 'U+00A0': only letters, digits, "
                 "spaces, hyphens and apostrophes are allowed (write it as readers type it, e.g. 'eier makt')",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: søkeordet 'eier\u00a0makt' har 'U+00A0': bare bokstaver, sifre, "
                 "mellomrom, bindestrek og apostrof er tillatt (skriv det slik leserne skriver det, for eksempel 'eier makt')",
                 id="a no-break space"),
    pytest.param(["<b>eiermakt</b>"], "[]",  # one message: the one every plain text gets
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: '<' and '>' are not allowed in plain text "
                 "(leave them out, or write the words (less than, greater than))",
                 "content/glossary/eierskap.yml:6: search_words.nb[0]: '<' og '>' er ikke tillatt i vanlig tekst "
                 "(utelat dem, eller skriv ordene (mindre enn, større enn))",
                 id="HTML"),
]


@pytest.mark.unit
@pytest.mark.parametrize(("nb", "en", "english", "norwegian"), MISTAKES)
def test_each_mistake_in_search_words_is_one_line(content, capsys, nb, en, english, norwegian):
    add_search_words(content, nb, en)
    assert check(content, capsys) == [english]


@pytest.mark.unit
@pytest.mark.parametrize(("nb", "en", "english", "norwegian"), MISTAKES)
def test_each_mistake_in_search_words_in_norwegian(content, capsys, nb, en, english, norwegian):
    add_search_words(content, nb, en)
    assert check_nb(content, capsys) == [norwegian]


@pytest.mark.unit
def test_the_rule_reads_whatever_shape_the_record_has():
    """A misshapen record (no term, variants not a mapping, words not texts) has shape errors of its
    own; the rule still checks what it can read, and never fails."""
    assert list(search_word_problems({"search_words": {"nb": ["eie", 5, None, "eie"]}, "variants": "x"})) == [
        (("search_words", "nb", 3), "search word 'eie' is listed twice", "also used at search_words.nb[0]")
    ]
    assert list(search_word_problems({"search_words": ["eie"]})) == []
    assert list(search_word_problems({"search_words": {"nb": "eie"}, "term": "eie"})) == []


# The real glossary: the everyday words issue 16 measured lead to their terms.
CATALOG = load_content(REPO).catalog


@pytest.mark.content
@pytest.mark.parametrize(("term", "lang", "word"), [
    ("velferdsteknologi", "nb", "sykehjem"),
    ("velferdsteknologi", "nb", "eldreomsorg"),
    ("velferdsteknologi", "en", "nursing home"),
    ("velferdsteknologi", "en", "elderly care"),
    ("ildsjel", "en", "enthusiast"),
    ("ildsjel", "nb", "entusiast"),
])
def test_the_real_glossary_has_the_words_readers_type(term, lang, word):
    assert word in getattr(CATALOG.terms[term].search_words, lang)


@pytest.mark.content
def test_the_real_glossary_validates_strictly_with_its_search_words(capsys):
    assert validate(REPO, capsys, "--strict", "--no-cache") == (0, [])


@pytest.mark.content
def test_no_search_word_is_another_terms_own_form():
    """A word that is a term's form already finds that term; leading it to a second one too would
    mix two concepts the glossary keeps apart."""
    own = {(lang, form.casefold()): t.id for t in CATALOG.terms.values() for lang in ("nb", "en")
           for form in [getattr(t.term, lang), *getattr(t.variants, lang)] if form}
    found = [(t.id, lang, word) for t in CATALOG.terms.values() for lang in ("nb", "en")
             for word in getattr(t.search_words, lang) if (lang, word.casefold()) in own]
    assert found == []


@pytest.mark.content
def test_search_words_are_exported_beside_the_variants():
    """glossary.csv has a column per language, as the variants have; glossary.json keeps the lists."""
    files = export_files(CATALOG)
    header = files["glossary.csv"].removeprefix("\ufeff").split("\n", 1)[0].split(",")
    assert header[header.index("variants_en") + 1 : header.index("variants_en") + 3] == ["search_words_nb", "search_words_en"]
    row = next(line for line in files["glossary.csv"].splitlines() if line.startswith("velferdsteknologi,"))
    assert "sykehjem; eldreomsorg" in row and "nursing home; care home" in row
    assert '"search_words": {"nb": ["sykehjem", "eldreomsorg"' in files["glossary.json"]
