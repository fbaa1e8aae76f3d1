"""One English terminology: the glossary is the termbase, and a translation that renders a
glossary term another way is a warning (an error with --strict, as in CI)."""

from __future__ import annotations


import pytest
from conftest import edit, validate

CASE = "cases/testby.yml"
TERM = "content/glossary/eierskap.yml"


@pytest.mark.unit
def test_a_translation_that_renders_a_term_another_way_is_a_warning(content, capsys):
    edit(content, CASE, "text: {nb: Rådmannen leder programmet., en: The chief executive leads the programme.}",
         "text: {nb: Rådmannen tar eierskapet til programmet., en: The chief executive takes charge of the programme.}")
    expected = ["cases/testby.yml:16: observations[0].text.en: warning: the Norwegian uses the glossary term 'eierskap': "
                "the English should say 'ownership' (as content/glossary/eierskap.yml has it, or add the form used here to its variants)"]
    assert validate(content, capsys) == (0, expected)  # a warning while drafting
    assert validate(content, capsys, "--strict") == (1, expected)  # an error in CI


@pytest.mark.unit
@pytest.mark.parametrize("english", [
    "The chief executive takes ownership of the programme.",  # the headword
    "The chief executive is OWNING the programme.",  # a variant, any case
    "Ownerships of the programme lie with the chief executive.",  # an inflection
])
def test_the_headword_a_variant_or_an_inflection_passes(content, capsys, english):
    edit(content, CASE, "text: {nb: Rådmannen leder programmet., en: The chief executive leads the programme.}",
         f"text: {{nb: Rådmannen tar eierskapet til programmet., en: {english}}}")
    assert validate(content, capsys, "--strict") == (0, [])


@pytest.mark.unit
def test_a_compound_is_not_the_term_and_a_new_variant_is_used_at_once(content, capsys):
    """'eierskapsmodell' is another word (more than an inflection's letters added); adding the English
    form used to the term's variants settles a warning, and the cached facts of every record are
    checked again because the glossary changed."""
    edit(content, CASE, "text: {nb: Rådmannen leder programmet., en: The chief executive leads the programme.}",
         "text: {nb: Rådmannen lager en eierskapsmodell., en: The chief executive designs a model.}")
    assert validate(content, capsys, "--strict") == (0, [])
    edit(content, CASE, "text: {nb: Rådmannen lager en eierskapsmodell., en: The chief executive designs a model.}",
         "text: {nb: Rådmannen har eierskap., en: The chief executive is in charge.}")
    assert validate(content, capsys, "--strict")[0] == 1
    edit(content, TERM, "en: [owning]", "en: [owning, in charge]")
    assert validate(content, capsys, "--strict") == (0, [])


@pytest.mark.unit
def test_a_link_target_is_not_text(content, capsys):
    """`(criterion:eierskap)` names a record; only the words a reader sees count."""
    edit(content, CASE, "text: {nb: Rådmannen leder programmet., en: The chief executive leads the programme.}",
         "text: {nb: 'Rådmannen leder [programmet](criterion:eierskap).', en: 'The chief executive leads [the programme](criterion:eierskap).'}")
    assert validate(content, capsys, "--strict") == (0, [])
