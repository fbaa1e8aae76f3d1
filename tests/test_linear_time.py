"""Every check and transform that reads text from a pull request runs in linear time.

Each is fed the largest input the content check lets through (a record text of 20,000
characters, a hand-written page of 256 kB), built from the characters that make backtracking
patterns slow. A linear pass takes milliseconds; the quadratic and cubic patterns these replaced
took minutes to hours on the same inputs. Each is timed against a linear pass over the same text,
so a loaded machine slows both alike and the test does not flap.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
import yaml

from kb.issues import Issue
from kb.front_matter import multimarkdown_problem, read_front_matter
from kb.load import load_record
from kb.markdown import find_blocks, find_record_links, markdown_problems, plain_text_problems, relative_link_targets
from kb.model import LongText
from kb.record_rules import search_word_problems
from kb.render.cite import plain_title
from kb.render.common import markdown_literal, plain_excerpt
from kb.render.excerpt import first_sentences

pytestmark = pytest.mark.unit

RECORD_TEXT = 20_000  # LongStr's max_length
PAGE_TEXT = 256 * 1024 - 100  # MAX_PAGE_BYTES, less a heading


def repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# The shapes that make backtracking patterns slow: openers that are never closed, separators
# that every attempt rescans, and long runs a pattern may split many ways.
ADVERSARIAL_UNITS = [
    "{", "{=", "{ =", "{:", "[a", "[a\n", "[", "](", "]: ", "](<", "<", "< ", "</", "&", "&#", "&a", "&#x",
    "{=}", "[a](", "[a]:", "  ", "\t", "> ", "- ", "    ", "case:", "](case:", "<!--", "---\n", "a: b\n",
    "*", "_", "`", "\\", "#", "!", "http://", "javascript:", "\u202e", "\u200b", ". A", "s. A",
]
CHECKS = {
    "markdown_problems (record)": lambda text: list(markdown_problems(text)),
    "markdown_problems (page)": lambda text: list(markdown_problems(text, page=True)),
    "plain_text_problems": lambda text: list(plain_text_problems(text)),
    "relative_link_targets": relative_link_targets,
    "find_record_links": lambda text: list(find_record_links("](" + text)),
    "find_blocks": find_blocks,
    "read_front_matter": lambda text: read_front_matter(Path("p.md"), "---\n" + text, []),
    "multimarkdown_problem": lambda text: multimarkdown_problem(Path("p.md"), read_front_matter(Path("p.md"), text, [])),
    "plain_excerpt": plain_excerpt,
    "first_sentences": first_sentences,
    "markdown_literal": markdown_literal,
    "cite plain_title": lambda text: plain_title("# " + text.replace("\n", " ")),
    "load_record (YAML errors, cut-off texts)": lambda text: load_record("case", Path("cases/x.yml"), text.encode(), []),
    # A term's search words: compared with its forms, with each other, and read character by character.
    "search_word_problems": lambda text: list(search_word_problems(
        {"term": {"nb": text}, "variants": {"nb": [text]}, "search_words": {"nb": [text, text + "«", text + ",", text.upper()]}})),
}


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_is_linear_on_the_worst_inputs_allowed(name):
    """Timed against a linear pass over the same text on the same machine at the same moment, so
    a loaded machine slows both alike: a linear check stays within a constant factor of it (the
    slowest here, YAML parsing, about 800), a quadratic one on these sizes is tens of thousands
    of times slower, a cubic one beyond measure."""
    check = CHECKS[name]
    too_slow = []
    for unit in ADVERSARIAL_UNITS:
        for size in (RECORD_TEXT, PAGE_TEXT):
            text = repeat(unit, size)
            reference = min(timed(linear_pass, text) for _ in range(3))
            took = timed(check, text)
            if took > LINEAR_FACTOR * reference + 0.05:
                too_slow.append(f"{unit!r} × {size}: {took:.2f} s, {took / reference:.0f} × a linear pass")
    assert too_slow == [], name


LINEAR_FACTOR = 10_000


def linear_pass(text: str) -> int:
    """One step of Python per character: what a linear check costs at the least."""
    return sum(1 for _ in text)


def timed(function, text: str) -> float:
    began = time.perf_counter()
    function(text)
    return time.perf_counter() - began


def test_a_whole_record_text_of_the_worst_shape_validates_quickly():
    """Through the model too: the longest text allowed, every unit mixed in."""
    text = repeat("".join(ADVERSARIAL_UNITS), RECORD_TEXT)
    started = time.perf_counter()
    LongText.model_validate({"nb": text, "en": text})
    issues: list[Issue] = list(markdown_problems(text)) + list(plain_text_problems(text))
    assert issues
    assert time.perf_counter() - started < 10


def test_python_markdown_is_quick_on_every_record_text_the_check_accepts():
    """The build turns record texts into HTML with Python-Markdown, whose link parser looks for
    a link's end from every bracket: texts it would take minutes over must be refused first."""
    import markdown

    extensions = ["attr_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml
    units = ADVERSARIAL_UNITS + ["[a [b ", "![a](", "[a](b) ", "(a) ", "[[[[]]]] ", "*a ", "|a"]
    started = time.perf_counter()
    converted = 0
    for unit in units:
        text = repeat(unit, RECORD_TEXT)
        if not list(markdown_problems(text)):
            markdown.markdown(text, extensions=extensions)
            converted += 1
    assert converted > 10  # the test still converts texts: the check did not refuse everything
    assert time.perf_counter() - started < 10


def test_yaml_mistakes_are_explained_in_time_linear_in_the_record():
    """Each way a YAML mistake is explained, in 100 kB of YAML (a tenth of the record cap, to keep the
    test quick): a flow mapping of 33,000 cut-off texts (each shown with its line), a mistake at the
    end of a line of 100 kB, after 100 kB of lines, or under 100 kB of comments (the look at the
    line above stops early). Measured against the parser reading the same text (libyaml, linear),
    so a loaded machine slows both alike; a pass over the text per issue would take minutes."""
    size = 100_000
    texts = [
        "x: {" + repeat("a, ", size) + "}\n",
        "x: {" + repeat("a b: c, ", size) + "}\n",
        "x: " + repeat("a", size) + ": b: c\n",
        repeat("a: b\n", size) + "  c: d: e\n",
        repeat("\n", size) + "a: [x\n",
        "a:\n  b: 1\n" + repeat("  #\n", size) + "   c: 2\n",
        "a: '" + repeat("x", size) + "\n",
        "a: 1\n" + repeat("b", size) + "\x07\n",
    ]
    for text in texts:
        began = time.perf_counter()
        with contextlib.suppress(yaml.YAMLError):
            yaml.compose(text, Loader=yaml.CSafeLoader)
        parsed = time.perf_counter() - began
        issues: list[Issue] = []
        began = time.perf_counter()
        load_record("case", Path("cases/x.yml"), text.encode(), issues)
        explained = time.perf_counter() - began
        assert issues and all(i.excerpt is None or len(i.excerpt.text) <= 102 for i in issues)
        assert explained < 10 * parsed + 1, f"{text[:20]!r}: {explained:.1f} s, the parser alone {parsed:.1f} s"
