"""Renderers: pure functions from the linked catalog to Markdown, one module per page kind."""

from kb.render.site import page_sources, render_files, render_site, site_nav

__all__ = ["page_sources", "render_files", "render_site", "site_nav"]
