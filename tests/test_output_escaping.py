"""Text is text wherever it is printed: in Markdown, in BibTeX, in CSV and on the editor's terminal.

Each output has its own special characters; record text that contains them must come out as the
same text, never as a link, a field, a formula or a line of its own."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from conftest import REPO, validate
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load
from test_validate import edit

import kb.validate
from kb.export import export_files, spreadsheet_text, to_csv
from kb.issues import Issue, Severity, format_issue
from kb.pipeline import load_content
from kb.render import render_site, site_nav
from kb.render.cite import bibtex_text, cite_block, citable_url, plain_title
from kb.render.common import PageContext, markdown_literal

pytestmark = pytest.mark.unit

SITE_URL = "https://example.org/kb/"
HOSTILE_TITLE = "*Eierskap* `kode` {: #id } a < 3 C#"  # `<` before a digit is no tag: validation lets it through
HOSTILE_SECTION = "5.1.1 [x](https://evil.example)"


def site_markdown_extensions() -> tuple[list[str], dict]:
    """The Markdown extensions and their settings exactly as mkdocs.yml gives them."""
    entries = yaml_load((REPO / "mkdocs.yml").read_text("utf-8"))["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in entries]
    configs = {next(iter(e)): next(iter(e.values())) for e in entries if isinstance(e, dict)}
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_markdown_extensions()


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment: its text, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


# --- Markdown: plain-text fields (names, titles, section numbers) are literal text

@pytest.mark.parametrize(("text", "expected"), [
    ("Bergen kommune (2018). Ja! 3.5 % – 1-2", "Bergen kommune (2018). Ja! 3.5 % – 1-2"),  # ordinary text is unchanged
    ("[x](https://evil.example)", r"\[x\](https://evil.example)"),
    ("![img](https://evil.example/x.png)", r"!\[img\](https://evil.example/x.png)"),
    ("*a* _b_ `c`", r"\*a\* \_b\_ \`c\`"),
    ("Tittel {: #id }", r"Tittel \{: \#id \}"),
    ("<b>R&D</b> > 3", "&lt;b&gt;R&amp;D&lt;/b&gt; &gt; 3"),
    ("C#", r"C\#"),
    ("a\\b", r"a\\b"),
    ("- punkt", r"\- punkt"),
    ("+ punkt", r"\+ punkt"),
    ("3. kvartal", r"3\. kvartal"),
    ("]: https://evil.example", r"\]&#58; https://evil.example"),
    ("linje\n# to\r\n\n  tre", r"linje \# to tre"),
])
def test_markdown_literal_escapes_only_what_markdown_would_read(text, expected):
    assert markdown_literal(text) == expected


# Where renderers put plain text: heading (with an anchor), link text, list item, paragraph start,
# inline HTML, a caption, a table cell, the citation line and a grid card.
PLACES = {
    "heading": ("### {} {{#anchor}}", '<h3 id="anchor">'),
    "link": ("- [{}](page.md)", '<a href="page.md">'),
    "list item": ("- {}", "<li>"),
    "paragraph": ("{}", "<p>"),
    "span": ('<span lang="nb">{}</span>', '<span lang="nb">'),
    "caption": ('<figure markdown="1">\n<figcaption markdown="1">— {}, s. 3</figcaption>\n</figure>', "<figcaption>"),
    "table cell": ("| a |\n|---|\n| {} |", "<td>"),
    "citation": ("«{}». *Site*.", "<em>Site</em>"),
    "card": ('<div markdown="1">\n\n-   **[K1](k.md)**\n\n    {}\n\n</div>', "<strong>"),
}
MARKUP = ["[x](https://evil.example)", "![i](j.png)", "*", "_", "`", "{: #x }", "<b>", "&lt;", "&#35;", "\\", "#",
          "[TOC]", "]:", "1. ", "- ", "+ ", "> ", "---", "<http://e.example>", "|", "!", "(", ")", ".", " ", "a", "7", "\n"]


def rendered_text(template: str, text: str) -> str:
    literal = markdown_literal(text)
    # A table cell escapes its own separator, as the key-figures table does.
    return to_html(template.format(literal.replace("|", "\\|") if "|---|" in template else literal))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKUP), min_size=1, max_size=10).map("".join).filter(str.strip), st.sampled_from(sorted(PLACES)))
def test_markdown_literal_reads_as_the_same_text_wherever_it_is_put(text, place):
    template, element = PLACES[place]
    output, plain = rendered_text(template, text), rendered_text(template, "word")
    assert element in output
    # The reader sees the text as written, and Markdown made nothing of it: the same elements as
    # around a plain word, so no link, image, emphasis, code, heading, list or quotation.
    assert text_of(output).split() == text_of(plain).replace("word", " ".join(text.split())).split()
    assert re.findall(r"<([a-z0-9]+)", output) == re.findall(r"<([a-z0-9]+)", plain)


def test_a_hostile_title_and_section_are_literal_on_the_finding_page_in_lists_and_in_the_navigation(content, monkeypatch):
    # The content check refuses '<' and attribute lists in titles; the renderers must hold even
    # where a check has a gap, so the text checks are switched off here.
    monkeypatch.setattr(kb.validate, "text_problems", lambda raw, model: iter(()))
    edit(content / "content/findings/funn-eierskap.yml", 'section: "5.1.1"', f'section: "{HOSTILE_SECTION}"')
    edit(content / "content/findings/funn-eierskap.yml", "title: {nb: Eierskap i toppledelsen,", f'title: {{nb: "{HOSTILE_TITLE}",')
    loaded = load_content(content)
    assert loaded.ok()
    pages = render_site(loaded.catalog, "nb", SITE_URL)
    heading = r"5.1.1 \[x\](https://evil.example) \*Eierskap\* \`kode\` \{: \#id \} a &lt; 3 C\#"
    assert f"\n# {heading}\n" in pages["findings/funn-eierskap.md"]
    assert f"- [{heading}](funn-eierskap.md) — s. 55" in pages["findings/index.md"]
    assert f"- [{heading}](../findings/funn-eierskap.md)" in pages["criteria/eierskap.md"]
    assert to_html(f"# {heading}") == (
        '<h1 id="511-xhttpsevilexample-eierskap-kode-id-a-3-c">'
        "5.1.1 [x](https://evil.example) *Eierskap* `kode` {: #id } a &lt; 3 C#"
        '<a class="headerlink" href="#511-xhttpsevilexample-eierskap-kode-id-a-3-c" title="Permanent link">&para;</a></h1>'
    )
    # MkDocs prints navigation titles as HTML, as it prints a heading's text.
    nav = site_nav(loaded.catalog, "nb", [])
    assert nav[3] == {"Funn i analysen": [
        "findings/index.md", {f"{HOSTILE_SECTION} *Eierskap* `kode` {{: #id }} a &lt; 3 C#": "findings/funn-eierskap.md"},
    ]}


# --- The citation block: its text line in Markdown, its BibTeX in a code block

def bibtex_fields(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry as BibTeX reads them: a braced value ends at the brace that
    balances its opening one, and a backslash does not escape a brace."""
    body = entry[entry.index(",") + 1 : entry.rindex("}")]
    fields, start = {}, 0
    while (equals := body.find("=", start)) >= 0:
        name, opening = body[start:equals].strip(" \n,"), body.index("{", equals)
        depth = 0
        for end in range(opening, len(body)):
            depth += {"{": 1, "}": -1}.get(body[end], 0)
            if depth == 0:
                break
        fields[name], start = body[opening + 1 : end], end + 1
    return fields


def citation(title: str, lang: str = "nb", site_url: str = SITE_URL) -> tuple[str, str]:
    """(text line, BibTeX entry) of this page in the citation block of a page whose heading is
    `title`: the Markdown of its text format, and its first code format as the reader copies it."""
    block = cite_block(f"# {markdown_literal(title)}\n\nText.\n", PageContext(lang, "cases/x.md", None, site_url))
    text = re.search(r'<p class="kb-cite__format" markdown="1">(.*)</p>', block)[1]
    code = re.search(r'<pre class="kb-cite__format"><code>(.*?)</code></pre>', block, re.S)[1]
    return text, html.unescape(re.sub(r"<span[^>]*></span>", "", code))


def test_a_title_cannot_leave_its_bibtex_field():
    _text, entry = citation("Evil}, author = {x")
    assert bibtex_fields(entry) == {
        "title": r"Evil\textbraceright{}, author = \textbraceleft{}x",
        "url": "https://example.org/kb/cases/x/",
        "howpublished": r"\url{https://example.org/kb/cases/x/}",
        "note": "Lederutfordringer i digitale omstillingsprosesser – kunnskapsbase. "
                "Basert på PwC for KS (2018), KS FoU-prosjekt nr. 174031",
        "language": "norwegian",
    }


def test_latex_special_characters_are_text_in_bibtex():
    assert bibtex_text("{}\\%#&$_^~<>") == (
        r"\textbraceleft{}\textbraceright{}\textbackslash{}\%\#\&\$\_\textasciicircum{}\textasciitilde{}\textless{}\textgreater{}"
    )
    assert bibtex_text("Bærum kommune (2018): «Ja», sa de.") == "Bærum kommune (2018): «Ja», sa de."
    # Our own note says "R&D": BibTeX passes `&` to LaTeX, where a bare one is an error.
    assert bibtex_fields(citation("Title", "en")[1])["note"].endswith(r"Based on PwC for KS (2018), KS R\&D project no. 174031")


def test_the_address_cannot_leave_url_or_the_link():
    assert citable_url("https://example.org/a b/{x}\\<y>\"/?q=1&r=%20#top") == (
        "https://example.org/a%20b/%7Bx%7D%5C%3Cy%3E%22/?q=1&r=%20#top"
    )
    text, entry = citation("T", site_url="https://example.org/k b}/")
    assert bibtex_fields(entry)["howpublished"] == r"\url{https://example.org/k%20b%7D/cases/x/}"
    assert "<https://example.org/k%20b%7D/cases/x/>" in text


def test_the_citation_line_shows_the_title_as_written():
    title = "[x](https://evil.example) ![i](j.png) *a* `c` {: #id } &amp; </details>"
    text, entry = citation(title)
    assert text.startswith(r"«\[x\](https://evil.example) !\[i\](j.png) \*a\* \`c\` \{: \#id \} &amp;amp; &lt;/details&gt;». *Lederutfordringer")
    assert text_of(to_html(text)).startswith(f"«{title}». Lederutfordringer")
    # In the code block `</details>` would end the block for the HTML parser: LaTeX commands instead.
    assert bibtex_fields(entry)["title"] == (
        r"[x](https://evil.example) ![i](j.png) *a* `c` \textbraceleft{}: \#id \textbraceright{} \&amp; \textless{}/details\textgreater{}"
    )


@pytest.mark.parametrize(("heading", "title"), [
    (markdown_literal(r"C# \ {x} 3. kvartal ]: *a* <b>"), r"C# \ {x} 3. kvartal ]: *a* <b>"),
    ('<span lang="nb">Eierskap</span>', "Eierskap"),
    ("Om kunnskapsbasen {#om}", "Om kunnskapsbasen"),
    ("Forskning &amp; utvikling", "Forskning & utvikling"),
    (r"C:\Users", r"C:\Users"),  # a backslash before a letter is not an escape
])
def test_plain_title_undoes_the_markdown_of_a_heading(heading, title):
    assert plain_title(f"---\ndescription: x\n---\n\n# {heading}\n\nText.") == title


# --- CSV: a spreadsheet must show every text cell as text

@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+47 22 00 00 00", "'+47 22 00 00 00"),
    ("-3 %", "'-3 %"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("Bergen = 1", "Bergen = 1"),
    (" =1", " =1"),
    ("", ""),
])
def test_spreadsheet_text_neutralises_formula_starts(value, cell):
    assert spreadsheet_text(value) == cell


def test_to_csv_neutralises_text_cells_and_leaves_numbers_and_booleans():
    rows = [{"id": "a", "value": "=1+1", "number": -3, "share": -0.5, "published": True},
            {"id": "-b", "value": "1-2", "number": 4, "share": 0.25, "published": False}]
    assert to_csv(rows) == (
        "\ufeffid,value,number,share,published\n"
        "a,'=1+1,-3,-0.5,True\n"
        "'-b,1-2,4,0.25,False\n"
    )


def test_exported_csv_rows_from_hostile_records(content):
    case = content / "cases/testby.yml"
    edit(case, 'value: "10 000"', 'value: "=HYPERLINK(\\"https://evil.example\\",\\"klikk\\")"')
    edit(case, "label: {nb: Innbyggere,", 'label: {nb: "-Innbyggere",')
    edit(case, "name: Kari Publisert", 'name: "@Kari Publisert"')
    loaded = load_content(content)
    assert loaded.ok()
    files = export_files(loaded.catalog)
    # (A byte order mark for spreadsheets and each row's pages: issue 15.)
    assert files["key-figures.csv"] == (
        "\ufeffcase,label_nb,label_en,value,as_of_nb,as_of_en,note_nb,note_en,page,page_url_nb,page_url_en\n"
        "testby,'-Innbyggere,Inhabitants,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klikk\"\")\",2017,2017,,,25,cases/testby/,en/cases/testby/\n"
    )
    assert files["informants.csv"] == (
        "\ufeffcase,id,name,role_nb,role_en,publish_name,page_url_nb,page_url_en\n"
        "testby,kari-publisert,'@Kari Publisert,Rådmann,Chief executive,True,cases/testby/,en/cases/testby/\n"
        "testby,radgiver,,Rådgiver,Adviser,False,cases/testby/,en/cases/testby/\n"
    )
    # JSON keeps the text exactly: it is read by programs, not by spreadsheets.
    assert '"value": "=HYPERLINK(\\"https://evil.example\\",\\"klikk\\")"' in files["cases.json"]


# --- The editor's terminal and the CI log: one issue, one line

def test_an_issue_with_a_newline_in_its_file_name_and_message_stays_one_line():
    issue = Issue(Path("cases/a\n::error file=x::owned.yml"), ("title", 0), "bad\n::error file=x::owned",
                  hint="\x1b[2J\u202egnp.exe", severity=Severity.WARNING, line=3)
    line = format_issue(issue)
    assert line == (
        "cases/a\\n::error file=x::owned.yml:3: title[0]: warning: bad\\n::error file=x::owned (\\x1b[2J\\u202egnp.exe)"
    )
    assert line.splitlines() == [line]


@pytest.mark.parametrize(("char", "shown"), [
    ("\r", "\\r"), ("\t", "\\t"), ("\x00", "\\x00"), ("\x0b", "\\x0b"), ("\x0c", "\\x0c"), ("\x1c", "\\x1c"),
    ("\x7f", "\\x7f"), ("\x85", "\\x85"), ("\x9b", "\\x9b"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
    ("\u202a", "\\u202a"), ("\u202e", "\\u202e"), ("\u2066", "\\u2066"), ("\u2069", "\\u2069"), ("\u200b", "\\u200b"),
    ("\ufeff", "\\ufeff"), ("é", "é"), ("\u00a0", "\u00a0"),
])
def test_every_control_and_direction_character_is_shown_as_an_escape(char, shown):
    line = format_issue(Issue(Path(f"cases/{char}.yml"), (f"k{char}",), f"m{char}", hint=f"h{char}"))
    assert line == f"cases/{shown}.yml: k{shown}: m{shown} (h{shown})"
    assert len(line.splitlines()) == 1


def test_validate_prints_one_line_for_a_file_named_to_forge_a_ci_command(content, capsys):
    (content / "criteria/involvering.yml").rename(content / "criteria/x\n::error file=a::owned.yml")
    status, lines = validate(content, capsys)
    assert (status, lines) == (1, [
        "cases/testby.yml:23: observations[1].criteria[0]: unknown criterion 'involvering' (known: eierskap)",
        "criteria/x\\n::error file=a::owned.yml:1: id: id 'involvering' differs from the file name"
        " (use 'x\\n::error file=a::owned' or rename the file)",
    ])
