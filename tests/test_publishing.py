"""What a published page carries: the site's one address (never a loopback one), and a footer with
the source, the licence, the content's last change (from git) and where to send feedback."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO, configured_address, copy_content, kb_env

from kb.build import commit_time
from kb.footer import FooterContext, footer_items, updated_date
from kb.kinds import content_folders
from kb.site_links import site_address_problem

LOOPBACK = re.compile(rb"127\.0\.0\.1|localhost|\[::1\]", re.IGNORECASE)
FIX = ("set site_url in mkdocs.yml, or the environment variable SITE_URL, to the address the site is published at"
       " (make serve previews it locally)")
# 2020-01-02 23:30 UTC: already 3 January in Norway, where "last changed" is dated.
COMMITTED = "2020-01-02T23:30:00Z"
FOOTER_LABELS = {"nb": ["Kilde", "Lisens", "Innholdet sist endret", "Tilbakemelding"],
                 "en": ["Source", "Licence", "Content last changed", "Feedback"]}


def without_address() -> dict[str, str]:
    return {key: value for key, value in kb_env().items() if key not in ("SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH")}


def build(root: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kb", "--root", str(root), *args, "build", "--site-dir", str(root / "site")],
                          env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def committed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The fixture content as a git repository with one commit, built as a newcomer runs
    `make site`: no SITE_URL, no REPO_URL."""
    root = copy_content(tmp_path_factory.mktemp("committed") / "repo")
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "content"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env={**os.environ, **identity})
    return build(root, env=without_address()), root


def output_files(site: Path) -> dict[Path, bytes]:
    """Every file of a built site as a reader's browser or a crawler gets it (sitemap.xml.gz unpacked)."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(site)] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


# --- the address


@pytest.mark.unit
@pytest.mark.parametrize("address", ["http://127.0.0.1:8000/", "http://localhost/", "http://LOCALHOST:8000/kb/",
                                     "http://[::1]:8000/", "http://127.1/", "http://0.0.0.0:8000/", "http://kb.localhost/",
                                     "http://[::ffff:127.0.0.1]/", "https://127.0.0.2/"])
def test_a_loopback_address_is_refused(address):
    assert site_address_problem(address) == f"the site's address {address} is a loopback address, which only this computer can reach"


@pytest.mark.unit
@pytest.mark.parametrize(("address", "problem"), [
    (None, "the site's address is not set"), ("", "the site's address is not set"),
    ("ftp://example.org/", "the site's address ftp://example.org/ is not an http or https address"),
])
def test_a_missing_or_odd_address_is_refused(address, problem):
    assert site_address_problem(address) == problem


@pytest.mark.unit
@pytest.mark.parametrize("address", ["https://ks-no.github.io/lederutfordringer-kb/", "https://example.org/", "http://192.168.1.10/kb/",
                                     "https://localhost.example.org/"])
def test_a_public_address_is_accepted(address):
    assert site_address_problem(address) is None


@pytest.mark.unit
def test_the_address_is_configured_once_in_mkdocs_yml_and_is_a_public_one():
    assert site_address_problem(configured_address()) is None
    assert "site_url" not in (REPO / "mkdocs.en.yml").read_text("utf-8")  # the English site inherits it
    assert "SITE_URL" in (REPO / "mkdocs.yml").read_text("utf-8")  # and the environment overrides it


@pytest.mark.site
def test_a_build_without_site_url_writes_no_loopback_address_anywhere(committed_build):
    result, root = committed_build
    assert result.returncode == 0, result.stderr
    files = output_files(root / "site")
    # Material's source maps quote its source code, whose comments mention localhost; they hold no
    # address of this site. Every other file, pages, sitemap and search index included, is checked.
    found = [str(path) for path, data in files.items() if path.suffix != ".map" and LOOPBACK.search(data)]
    assert found == []
    assert configured_address().encode() in files[Path("sitemap.xml")]
    assert f'<link rel="canonical" href="{configured_address()}en/">'.encode() in files[Path("en/index.html")]


@pytest.mark.site
@pytest.mark.parametrize(("lang", "address", "expected"), [
    ("en", "http://127.0.0.1:8000/", ["build failed: the site's address http://127.0.0.1:8000/ is a loopback address, which only this"
                                      f" computer can reach; {FIX}", "build: site/ is unchanged"]),
    ("en", "", [f"build failed: the site's address is not set; {FIX}", "build: site/ is unchanged"]),
    ("nb", "http://localhost:8000/", ["build feilet: nettstedets adresse http://localhost:8000/ er en lokal adresse (loopback), som bare"
                                      " denne maskinen kan nå; sett site_url i mkdocs.yml, eller miljøvariabelen SITE_URL, til adressen"
                                      " nettstedet publiseres på (make serve viser det lokalt)", "build: site/ er uendret"]),
])
def test_a_strict_build_with_a_loopback_or_no_address_fails_and_says_how_to_fix_it(content, lang, address, expected):
    result = build(content, "--lang", lang, env={**without_address(), "SITE_URL": address, "STRICT": "1"})
    assert result.returncode == 1
    # Both languages stop alike; the reason is said once.
    assert [line for line in result.stderr.splitlines() if line.startswith("build")] == expected
    assert not (content / "site").exists()


# --- the footer

PAGES = frozenset({"index.md", "about.md", "data.md", "accessibility.md"})
JAN_3_2020_IN_NORWAY = 1578007800  # COMMITTED


@pytest.mark.unit
def test_footer_of_a_page_without_a_repository():
    items = footer_items(FooterContext("nb", "https://example.org/kb/", PAGES, JAN_3_2020_IN_NORWAY, None), "cases/bergen/")
    assert [(item.label, item.html) for item in items] == [
        ("Kilde", 'Bygger på KS FoU-rapporten <cite lang="nb">Lederutfordringer i digitale omstillingsprosesser</cite>, utarbeidet av PwC'
                  ' på oppdrag fra KS, mars 2018. <a href="../../about/">Om studien</a>'),
        ("Lisens", 'KS har ennå ikke valgt lisens for tekstene og dataene. Oppgi kilden når du bruker dem.'
                   ' <a href="../../data/#lisens">Mer om lisensen</a>'),
        ("Innholdet sist endret", '<time datetime="2020-01-03">3. januar 2020</time>'),
        ("Tilbakemelding", '<a href="../../accessibility/#meld-fra">Slik melder du fra</a> · <a href="https://www.ks.no/">KS (ks.no)</a>'),
    ]


@pytest.mark.unit
def test_footer_sends_feedback_to_the_repositorys_issues_and_the_404_page_links_from_the_sites_path():
    items = footer_items(FooterContext("en", "https://example.org/kb/en/", PAGES, JAN_3_2020_IN_NORWAY, "https://github.com/ks/kb/"), None)
    assert items[0].html.endswith('<a href="/kb/en/about/">About the study</a>')
    assert items[1].html.endswith('<a href="/kb/en/data/#licence">More about the licence</a>')
    assert items[2].html == '<time datetime="2020-01-03">3 January 2020</time>'
    assert items[3].html == '<a href="https://github.com/ks/kb/issues">Report a problem on GitHub</a> · <a href="https://www.ks.no/">KS (ks.no)</a>'


@pytest.mark.unit
def test_footer_links_no_page_the_site_lacks_and_shows_no_date_outside_git():
    items = footer_items(FooterContext("en", None, frozenset({"index.md"}), 0, None), "")
    assert [item.label for item in items] == ["Source", "Licence", "Feedback"]
    assert [re.findall(r'href="([^"]+)"', item.html) for item in items] == [[], [], ["https://www.ks.no/"]]


@pytest.mark.unit
def test_footer_partial_is_materials_own_with_the_landmark_role_and_our_items():
    """The override must follow Material: when Material is upgraded, this fails until it is re-copied."""
    import material

    original = (Path(material.__file__).parent / "templates/partials/footer.html").read_text("utf-8")
    ours = (REPO / "overrides/partials/footer.html").read_text("utf-8")
    body = lambda text: text[text.index("-#}") + 4:]  # noqa: E731
    facts = re.search(r'      <dl class="kb-footer">.*?</dl>\n', ours, re.S)
    assert facts and "kb_footer(page)" in facts[0]
    copyright_only_if_set = re.search(r"      \{#- A copyright line.*?-#\}\n      \{% if config.copyright %\}\n(.*?)      \{% endif %\}\n", ours, re.S)
    assert copyright_only_if_set
    ours = ours.replace(facts[0], "").replace(copyright_only_if_set[0], copyright_only_if_set[1])
    assert body(ours).replace(' role="contentinfo"', "", 1) == body(original)


def footer_of(html: str) -> tuple[list[str], str]:
    """The footer's labels and its items' HTML."""
    footer = re.search(r'<footer class="md-footer" role="contentinfo">(.*?)</footer>', html, re.S)
    assert footer, "no footer landmark"
    return re.findall(r"<dt>(.*?)</dt>", footer[1]), "".join(re.findall(r"<dd>(.*?)</dd>", footer[1], re.S))


@pytest.mark.site
def test_every_page_of_the_real_site_has_the_footer_in_its_language(real_site):
    updated = commit_time(REPO, *content_folders())
    assert updated, "the content's last commit cannot be read"
    pages = sorted(real_site.rglob("*.html"))
    # The short links (/k1/ …) only forward to their criterion: no footer to show.
    pages = [page for page in pages if 'http-equiv="refresh"' not in page.read_text("utf-8")]
    assert len(pages) > 100
    site = urlsplit(configured_address()).path  # the 404 page links from the site's path
    wrong = []
    for page in pages:
        relative = page.relative_to(real_site).as_posix()
        lang = "en" if relative.startswith("en/") else "nb"
        root = f"http://site{site}" + ("en/" if lang == "en" else "")
        labels, items = footer_of(page.read_text("utf-8"))
        links = {urljoin(f"http://site{site}{relative}", href).removeprefix(root) for href in re.findall(r'href="([^"]+)"', items)}
        expected = {"about/", f"data/#{'licence' if lang == 'en' else 'lisens'}",
                    f"accessibility/#{'report-a-problem' if lang == 'en' else 'meld-fra'}", "https://www.ks.no/"}
        if labels != FOOTER_LABELS[lang] or links != expected or updated_date(updated, lang) not in items:
            wrong.append(f"{relative}: {labels} {sorted(links)}")
    assert wrong == []


@pytest.mark.site
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_footer_dates_the_content_by_its_commit_in_norway(committed_build, lang):
    result, root = committed_build
    assert result.returncode == 0, result.stderr
    labels, items = footer_of((root / "site" / ("en" if lang == "en" else "") / "index.html").read_text("utf-8"))
    assert labels == FOOTER_LABELS[lang]
    assert {"nb": '<time datetime="2020-01-03">3. januar 2020</time>', "en": '<time datetime="2020-01-03">3 January 2020</time>'}[lang] in items


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_footer_is_visible_and_accessible(page, site_url, lang, width):
    from test_accessibility import AXE, RUN_AXE, WCAG_TAGS

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + ("en/" if lang == "en" else "") + "about/", wait_until="networkidle")
    footer = page.locator("footer[role=contentinfo]")
    footer.scroll_into_view_if_needed()
    assert footer.is_visible()
    assert [text.strip() for text in footer.locator("dt").all_inner_texts()] == FOOTER_LABELS[lang]
    # Every item and link lies within the screen's width: nothing to scroll sideways for.
    boxes = [box for box in (item.bounding_box() for item in footer.locator("dd, a").all()) if box]
    assert boxes and all(box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5 for box in boxes)
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE.replace("axe.run(document", "axe.run('footer'"), WCAG_TAGS) == []
    assert page.evaluate(RUN_AXE, WCAG_TAGS) == []
