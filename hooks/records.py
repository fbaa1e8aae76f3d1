"""MkDocs adapter: hands the core's generated pages to MkDocs. Only wiring lives here.

MkDocs keeps hook modules loaded between rebuilds under `serve`, so nothing is kept at module
level: each build gets the content from the build that read it (`make site`) or reads it afresh.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

# `mkdocs build` run directly (not through `python -m kb`) must still find the core package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb.build import commit_time
from kb.build_date import build_date
from kb.engine import CONTENT_KEY
from kb.footer import FooterContext, FooterItem, footer_items
from kb.gc_paused import collector_paused
from kb.ids import heading_id
from kb.kinds import content_folders
from kb.labels import LANGS, label
from kb.pipeline import load_content
from kb.render import page_sources, render_files, render_site, site_nav
from kb.render.blocks import render_hand_page
from kb.render.common import PageContext
from kb.render.meta import citation_meta, cite_script_data, open_graph, search_script_data
from kb.sanitize import clean_html, theme_title
from kb.search_index import SearchIndexFailed, write_search_index
from kb.site_links import alternates, language_site_url, site_url_root
from kb.validate import PAGE_META_FIELDS


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _lang(config: MkDocsConfig) -> str:
    # The theme's language is the site's language; Material says "nb" for Norwegian Bokmål as we do.
    language = config.theme["language"]
    return language if language in LANGS else LANGS[0]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The English project inherits the Norwegian `site_url`; its own pages live under en/."""
    root = site_url_root(config.site_url, _lang(config))  # the root's address, whichever project it came from
    if root:  # then this language's
        config.site_url = language_site_url(root, _lang(config))
    # Each file's edit_uri is set to its path in the repository (on_files), so the base is the branch.
    config.edit_uri = "edit/main/" if config.repo_url else None
    # Heading anchors spell æ, ø and å as ids do (#nokkeltall); the default slug drops them (#nkkeltall).
    # Set here, not in mkdocs.yml: YAML's !!python/name would import kb before this file puts it on the path.
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_id
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """After MkDocs collects the hand-written pages: add one generated page per record, set the nav."""
    root, lang = _root(config), _lang(config)
    # `make site` and `make serve` hand over the content they read and checked once; a plain
    # `mkdocs serve` or `mkdocs build` reads it here, afresh on every rebuild.
    content = config.get(CONTENT_KEY) or load_content(root)
    if not content.ok():
        raise PluginError(content.error_report())
    # The date citations give as "last updated" and the data's timestamps: the commit's.
    updated = build_date(root)
    with collector_paused():
        pages, other_files = render_site(content.catalog, lang, config.site_url, updated), render_files(content.catalog, lang, config.site_url, updated)
    # Only what the content check accepted is published from the docs folder: pages and images.
    # (The check already refused anything else; this keeps a gap in it from reaching readers.)
    accepted = {p.path for p in content.pages if p.lang == lang} | {path for image_lang, path in content.images if image_lang == lang}
    docs_dir = os.path.realpath(config.docs_dir)
    for file in list(files):
        if file.abs_src_path and os.path.realpath(file.abs_src_path).startswith(docs_dir + os.sep) and file.src_uri not in accepted:
            files.remove(file)
    for path, text in [*pages.items(), *other_files.items()]:
        files.append(File.generated(config, path, content=text))
    # "Edit this page" must open the record or the hand-written source, never generated Markdown.
    sources = page_sources(content.catalog)
    # Hand-written pages get their overviews and record links filled in by the core.
    hand_pages = {p.path: p.text for p in content.pages if p.lang == lang}
    for file in files.documentation_pages():
        # Overviews (matrix, quotes, glossary, …) have no single source file: no edit link.
        file.edit_uri = sources.get(file.src_uri) or (f"content/{lang}/{file.src_uri}" if file.src_uri in hand_pages else None)
        if file.src_uri in hand_pages:
            file.content_string = render_hand_page(hand_pages[file.src_uri], PageContext(lang, file.src_uri, content.catalog, config.site_url, updated))
    config.nav = site_nav(content.catalog, lang, [p.path for p in content.pages if p.lang == lang])
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Before pages are read: section and link titles are plain text, whatever the theme does with them."""
    for item in walk_nav(nav.items):
        if item.title is not None and not isinstance(item, Page):
            item.title = theme_title(item.title)
    return nav


def walk_nav(items: list) -> Iterator:
    """Every item of a MkDocs navigation, sections and their children included."""
    for item in items:
        yield item
        yield from walk_nav(getattr(item, "children", None) or [])


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After MkDocs read a page's metadata: keep only the keys the core writes (the theme prints
    others, such as `title`, `subtitle` or `template`, into the page unescaped)."""
    page.meta = {key: page.meta[key] for key in PAGE_META_FIELDS if isinstance(page.meta.get(key), str)}
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After a page's Markdown became HTML: publish only what the sanitiser allows, and give the
    page a plain-text title (the theme decodes the title's entities in <title>)."""
    page.title = theme_title(page.title or "")
    return clean_html(html)


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Before templates render: `kb_alternates(page)` gives the same page in each language,
    `kb_label(key)` one of the site's labels."""
    lang, site_url = _lang(config), config.site_url

    def kb_alternates(page: Page | None) -> list[dict]:
        return alternates(page.url if page else "", lang, site_url)

    def kb_open_graph(page: Page | None) -> list[tuple[str, str, str]]:
        if page is None:
            return []
        description = page.meta.get("description") or config.site_description or ""
        title = config.site_name if page.is_homepage else f"{page.title} – {config.site_name}"
        return open_graph(title, description, page.canonical_url, lang, config.site_name, site_url)

    # The day the content last changed is read from git: the same for every build of one commit.
    pages = frozenset(file.src_uri for file in files.documentation_pages())
    footer = FooterContext(lang, site_url, pages, commit_time(_root(config), *content_folders()), config.repo_url)

    def kb_footer(page: Page | None) -> list[FooterItem]:
        return footer_items(footer, page.url if page else None)

    env.globals["kb_alternates"] = kb_alternates
    # The theme's own words (e.g. a navigation button's name), from the language file's labels.
    env.globals["kb_label"] = lambda key, **values: label(key, lang).format(**values)
    env.globals["kb_open_graph"] = kb_open_graph
    env.globals["kb_footer"] = kb_footer
    # Reference managers (Zotero) read the report's data from every page; kb-cite.js its labels.
    env.globals["kb_citation_meta"] = citation_meta()
    env.globals["kb_cite_script"] = cite_script_data(lang)
    env.globals["kb_search_script"] = search_script_data(lang)
    return env


def on_post_build(*, config: MkDocsConfig) -> None:
    """After MkDocs wrote a language's pages: its search index beside them (kb/search_index.py), in
    the preview as in the build. Other languages' folders are theirs."""
    content = config.get(CONTENT_KEY) or load_content(_root(config))
    lang = _lang(config)
    # Material's own search (lunr, its languages and its worker, 1.2 MB) is not used: not published.
    scripts = Path(config.site_dir) / "assets" / "javascripts"
    shutil.rmtree(scripts / "lunr", ignore_errors=True)
    for worker in (scripts / "workers").glob("search.*"):
        worker.unlink()
    try:
        write_search_index(Path(config.site_dir), lang, content.catalog, skip=tuple(other for other in LANGS if other != lang))
    except SearchIndexFailed as error:
        raise PluginError(f"search index ({lang}): {error}") from None


def on_serve(server, *, config: MkDocsConfig, builder) -> None:
    """When the preview's server starts: rebuild when a record changes, not only when a Markdown page
    does. (A change to the code restarts the server instead: kb/supervisor.py.)"""
    root = _root(config)
    for folder in content_folders():
        if (root / folder).is_dir():
            server.watch(str(root / folder))
