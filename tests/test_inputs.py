"""What may enter the site: records only as `<id>.yml`, pages only as `.md`, images only in
images/ and checked by their bytes, no links, devices or FIFOs, nothing over its size cap, no
hand-written page in a generated page's place, and page metadata read as strictly as a record.

Each refusal is tested with the exact line an editor reads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, copy_content, run, validate

PNG = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
    "0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201"
    "6a8a6c5a0000000049454e44ae426082"
)


def page_pair(root: Path, path: str, text: str) -> None:
    """The same page in both languages: a page missing in one would be a second, unrelated issue."""
    for lang in ("nb", "en"):
        target = root / "content" / lang / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


REFUSED_FILES = [
    ("symlink record", lambda r: os.symlink("/etc/passwd", r / "cases" / "passwd.yml"),
     ["cases/passwd.yml: symbolic links are not allowed (commit the file itself instead of a link to it)"]),
    ("symlink to a device", lambda r: os.symlink("/dev/zero", r / "criteria" / "zero.yml"),
     ["criteria/zero.yml: symbolic links are not allowed (commit the file itself instead of a link to it)"]),
    ("FIFO", lambda r: os.mkfifo(r / "cases" / "fifo.yml"),
     ["cases/fifo.yml: only regular files are allowed (this is a device, FIFO or socket) (remove it)"]),
    ("symlinked page folder", lambda r: os.symlink("/etc", r / "content" / "nb" / "etc"),
     ["content/nb/etc: symbolic links are not allowed (commit the file itself instead of a link to it)"]),
    ("symlinked record folder", lambda r: (os.rename(r / "cases", r / "cases-real"), os.symlink(r / "cases-real", r / "cases")),
     ["cases: symbolic links are not allowed (commit the file itself instead of a link to it)",
      # Not read, so the records that refer to its cases say so too: nothing is built from it.
      "content/en/index.md:3: unknown case 'testby' in link", "content/findings/funn-eierskap.yml:7: cases[0]: unknown case 'testby'",
      "content/nb/index.md:3: unknown case 'testby' in link", "criteria/eierskap.yml:6: summary.nb: unknown case 'testby'",
      "criteria/eierskap.yml:7: summary.en: unknown case 'testby'"]),
    ("symlink in the theme folder", lambda r: os.symlink("/etc/hosts", r / "overrides" / "hosts.html"),
     ["overrides/hosts.html: symbolic links are not allowed (commit the file itself instead of a link to it)"]),
    ("folder named like a record", lambda r: (r / "cases" / "folder.yml").mkdir(),
     ["cases/folder.yml: folders are not allowed here (move its files into cases/)"]),
    ("other file in a record folder", lambda r: (r / "cases" / "notes.txt").write_text("x"),
     ["cases/notes.txt: only records ('<id>.yml') belong in cases/ (move other files out of the record folders)"]),
    ("record too large", lambda r: (r / "cases" / "huge.yml").write_bytes(b"#" * (1024 * 1024 + 1)),
     ["cases/huge.yml: file is larger than 1024 kB (split it, or check that nothing was pasted by mistake)"]),
    ("page too large", lambda r: page_pair(r, "huge.md", "# Huge\n\n" + "a" * 256 * 1024),
     ["content/en/huge.md: file is larger than 256 kB (split it, or check that nothing was pasted by mistake)",
      "content/nb/huge.md: file is larger than 256 kB (split it, or check that nothing was pasted by mistake)"]),
    ("markdown spelled .markdown", lambda r: (r / "content" / "nb" / "om.markdown").write_text("# Om\n"),
     ["content/nb/om.markdown: Markdown pages end in '.md', not '.markdown' (rename it to 'om.md')"]),
    ("markdown spelled .MD", lambda r: (r / "content" / "nb" / "om.MD").write_text("# Om\n"),
     ["content/nb/om.MD: Markdown pages end in '.md', not '.MD' (rename it to 'om.md')"]),
    ("html file", lambda r: (r / "content" / "nb" / "x.html").write_text("<script>alert(1)</script>"),
     ["content/nb/x.html: only Markdown pages (.md) and images in images/ are published, not 'x.html' "
      "(move images to content/<lang>/images/; other files do not belong here)"]),
    ("theme bundle shadowed", lambda r: ((r / "content/nb/assets/javascripts").mkdir(parents=True),
                                         (r / "content/nb/assets/javascripts/bundle.js").write_text("alert(1)")),
     ["content/nb/assets/javascripts/bundle.js: only Markdown pages (.md) and images in images/ are published, "
      "not 'bundle.js' (move images to content/<lang>/images/; other files do not belong here)"]),
    ("svg image", lambda r: ((r / "content/nb/images").mkdir(), (r / "content/nb/images/x.svg").write_text("<svg onload=alert(1)>")),
     ["content/nb/images/x.svg: 'x.svg' is not an image type the site publishes (use PNG, JPEG, GIF or WebP (SVG can carry script))"]),
    ("html named png", lambda r: ((r / "content/nb/images").mkdir(), (r / "content/nb/images/x.png").write_text("<script>")),
     ["content/nb/images/x.png: the file is not a PNG image (its first bytes say otherwise) (export it again as the type its name says)"]),
    ("file directly in content", lambda r: (r / "content" / "notes.md").write_text("# x"),
     ["content/notes.md: files do not belong directly in content/ (pages go in content/nb/ and content/en/, records in their kind's folder)"]),
    ("unknown content folder", lambda r: (r / "content" / "glosary").mkdir(),
     ["content/glosary: unknown folder content/glosary/ (did you mean 'glossary'?)"]),
    ("page in a generated page's place", lambda r: page_pair(r, "cases/index.md", "# Falske caser\n"),
     ["content/en/cases/index.md: 'cases/index.md' is the path of a generated page (choose another file name)",
      "content/nb/cases/index.md: 'cases/index.md' is the path of a generated page (choose another file name)"]),
    ("page named like a generated folder", lambda r: page_pair(r, "informants.md", "# Informanter\n"),
     ["content/en/informants.md: 'informants.md' is the path of a generated page (choose another file name)",
      "content/nb/informants.md: 'informants.md' is the path of a generated page (choose another file name)"]),
    ("page in a short link's place", lambda r: page_pair(r, "k1.md", "# K1\n"),
     ["content/en/k1.md: 'k1.md' is the path of a generated page (choose another file name)",
      "content/nb/k1.md: 'k1.md' is the path of a generated page (choose another file name)"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("change, expected", [(c, e) for _, c, e in REFUSED_FILES], ids=[n for n, _, _ in REFUSED_FILES])
def test_files_outside_the_allowlist_are_refused(content, capsys, change, expected):
    change(content)
    assert validate(content, capsys, "--no-cache") == (1, expected)


FRONT_MATTER = [
    ("closed with dots, unknown key", "---\ntitle: x\n...\n# Om\n",
     ["content/nb/index.md:2: title: unknown front matter field 'title' (only 'description' is used)"]),
    ("template chosen in metadata", "---\ndescription: Om\ntemplate: ../../etc/passwd\n---\n# Om\n",
     ["content/nb/index.md:3: template: unknown front matter field 'template' (only 'description' is used)"]),
    ("MultiMarkdown metadata", "Title: <script>alert(1)</script>\n\n# Om\n",
     ["content/nb/index.md: raw HTML is not allowed: '<script>' (write Markdown instead)",
      "content/nb/index.md:1: MkDocs would read the line 'Title: <script>alert(1)</script>' as page metadata "
      "(start the page with a heading (# …); a description goes in front matter between '---' lines)"]),
    ("description breaks out of its attribute", '---\ndescription: \'x" http-equiv="refresh" content="0;url=https://evil.example\'\n---\n# Om\n',
     []),
    ("description with markup", "---\ndescription: \"&lt;script&gt;\"\n---\n# Om\n",
     ["content/nb/index.md:2: description: HTML character references are not allowed: '&lt;' (write the character itself (e.g. «, – or &))"]),
    ("description as a list", "---\ndescription: [a, b]\n---\n# Om\n",
     ["content/nb/index.md:2: description: expected plain text (write one sentence, e.g. description: \"…\")"]),
    ("billion laughs", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ndescription: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n# Om\n",
     ["content/nb/index.md:2: b[0]: YAML anchors and aliases are not allowed (write the value out in full)"]),
    ("nested ten thousand deep", "---\ndescription: " + "[" * 10_000 + "]" * 10_000 + "\n---\n# Om\n",
     ["content/nb/index.md:2:1013: YAML syntax error: exceeded maximum nesting depth (while increasing flow level that starts "
      "on line 2) (check quotes, colons and indentation)",
      "  2 | …" + "[" * 100 + "…",  # a long line is shown around the caret
      "    | " + " " * 51 + "^"]),
    ("a tag that builds objects", "---\ndescription: !!python/object:os.system x\n---\n# Om\n",
     ["content/nb/index.md:2: description: unsupported YAML value: could not determine a constructor for the tag "
      "'tag:yaml.org,2002:python/object:os.system' (use plain text, numbers, lists and mappings)"]),
    ("front matter never closed", "---\ndescription: x\n# Om\n",
     ["content/nb/index.md:1: front matter is not closed (end it with a line '---')"]),
    ("heading with entities", "# NAV &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n",
     ["content/nb/index.md: HTML character references are not allowed: '&lt;' (write the character itself (e.g. «, – or &))"]),
    ("heading with a bidi override", "# Om \u202eoss\n",
     ["content/nb/index.md:1: invisible character U+202E in the text (delete it: bidirectional and zero-width characters change what readers see)"]),
    ("deep Markdown list", "# Om\n\n" + "".join("    " * i + "- x\n" for i in range(100)),
     ["content/nb/index.md: line 12 is nested too deeply (over 8 levels of lists or 8 of quotes) (flatten the list or quote)"]),
    ("reference definition in a quote", "# Om\n\n> [x]: javascript:alert(1)\n> [klikk][x]\n",
     ["content/nb/index.md: unsafe link 'javascript:alert(1)' (links may only go to https://… addresses or other records)"]),
    ("brackets nested a thousand deep", "# Om\n\n" + "[" * 1000 + "]" * 1000 + "\n",
     ["content/nb/index.md: brackets or parentheses opened more than 4 deep in one paragraph (close each '[' and '(' before opening more)"]),
    ("attribute list taking the search box's id", "# Om\n\nTekst\n{: #__search }\n",
     ["content/nb/index.md: attribute lists ('{: …}', '{#…}', '{.…}', '{…=…}') are not allowed (remove the braces)"]),
]


@pytest.mark.unit
@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in FRONT_MATTER], ids=[n for n, _, _ in FRONT_MATTER])
def test_page_metadata_and_text_are_read_strictly(content, capsys, text, expected):
    """Each hand-page channel: the Norwegian home page is replaced (its English twin stays valid)."""
    (content / "content" / "nb" / "index.md").write_text(text, "utf-8")
    status, lines = validate(content, capsys, "--no-cache")
    assert lines == expected
    assert status == (1 if expected else 0)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site `python -m kb build` makes of the fixture content with a PNG in each language's
    images/ and a Norwegian description that tries to leave its attribute (it passes the check:
    quotes are text); built once for the tests that read it."""
    content = copy_content(tmp_path_factory.mktemp("inputs") / "repo")
    for lang in ("nb", "en"):
        (content / "content" / lang / "images").mkdir()
        (content / "content" / lang / "images" / "logo.png").write_bytes(PNG)
    (content / "content" / "nb" / "index.md").write_text(
        '---\ndescription: \'x" http-equiv="refresh" content="0;url=https://evil.example\'\n---\n'
        + (content / "content" / "nb" / "index.md").read_text("utf-8"), "utf-8")
    site = content.parent / "site"
    result = run(content, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.site
def test_an_image_is_published_and_nothing_else_from_the_pages_folder(published):
    assert (published / "images" / "logo.png").read_bytes() == PNG
    assert (published / "en" / "images" / "logo.png").read_bytes() == PNG


@pytest.mark.site
def test_a_description_is_escaped_in_every_attribute(published):
    """A description that passes the check (quotes are text) cannot leave its attribute."""
    home = (published / "index.html").read_text("utf-8")
    assert '<meta name="description" content="x&#34; http-equiv=&#34;refresh&#34;' in home or \
        '<meta name="description" content="x&quot; http-equiv=&quot;refresh&quot;' in home
    assert 'http-equiv="refresh"' not in home


@pytest.mark.unit
def test_the_repository_commits_no_symbolic_link():
    """Outside the folders the content check reads (hooks, templates, the workflows) a link
    would be followed by MkDocs or CI: git itself must hold none."""
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-s"], capture_output=True, text=True, check=True).stdout
    assert [line.split("\t")[1] for line in listed.splitlines() if line.startswith("120000")] == []
