"""Where the same page lives in the other language: for the language selector and hreflang.

The source language's site is the root and each other language's sits in its folder (`en/`), with the same page paths,
so the counterpart of every page is known without looking anything up.
"""

from __future__ import annotations

import functools
import ipaddress
import posixpath
import socket
from urllib.parse import urlsplit

from kb.labels import LANGS, Lang, label
from kb.messages import Msg, msg

# The source language owns the root; every other language has its folder: en/, nn/ …
LANG_PREFIX: dict[Lang, str] = {lang: "" if lang == LANGS[0] else f"{lang}/" for lang in LANGS}


def alternates(page_url: str, lang: Lang, site_url: str | None) -> list[dict[str, str | bool | None]]:
    """One entry per language: relative `href` from this page, absolute `url` for hreflang."""
    here = "/" + LANG_PREFIX[lang] + page_url
    root = site_url_root(site_url, lang)
    entries = []
    for other in LANGS:
        there = "/" + LANG_PREFIX[other] + page_url
        entries.append(
            {
                "lang": other,
                "name": label("language_name", other),
                "href": relative_href(here, there),
                "url": root + there.lstrip("/") if root else None,
                "current": other == lang,
                "home_label": label("to_home", other),
            }
        )
    return entries


def site_url_root(site_url: str | None, lang: Lang) -> str | None:
    """The address of the Norwegian root, given the `site_url` of either language's project."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    prefix = LANG_PREFIX[lang]
    return base[: -len(prefix)] if prefix and base.endswith("/" + prefix) else base


def site_address_problem(site_url: str | None) -> Msg | None:
    """Why a built site cannot carry `site_url` as its address (every citation, canonical link and
    sitemap entry is made from it), or None when it can: it must be set, http(s), and reachable from
    other computers, not a loopback address, which only the preview uses."""
    if not site_url:
        return msg("the site's address is not set")
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return msg("the site's address {address} is not an http or https address", address=site_url)
    if is_loopback(parts.hostname):
        return msg("the site's address {address} is a loopback address, which only this computer can reach", address=site_url)
    return None


def is_loopback(host: str) -> bool:
    """`localhost` and its subdomains, 127.0.0.0/8, ::1, the unspecified 0.0.0.0 and ::, and IPv4's
    loopback mapped into IPv6 (urlsplit has already lower-cased the host and removed its brackets)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(host)
    except ValueError:
        try:  # the short forms a browser also accepts: 127.1, 2130706433
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return False
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return any(a.is_loopback or a.is_unspecified for a in (address, mapped) if a is not None)


def language_site_url(root_url: str, lang: Lang) -> str:
    """The `site_url` of one language's project, given the address of the Norwegian root."""
    return root_url.rstrip("/") + "/" + LANG_PREFIX[lang]


@functools.lru_cache(maxsize=65536)  # a page links the same records many times; pages share folders
def relative_path(target: str, folder: str) -> str:
    """`posixpath.relpath(target, folder)` for two paths of the site, without the file system.

    relpath asks the operating system for the working directory on every call; a large site
    makes a hundred thousand links, and that was the largest single cost of rendering."""
    target_parts = [p for p in posixpath.normpath(target).split("/") if p not in ("", ".")]
    folder_parts = [p for p in posixpath.normpath(folder).split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(target_parts), len(folder_parts)) and target_parts[common] == folder_parts[common]:
        common += 1
    return "/".join([".."] * (len(folder_parts) - common) + target_parts[common:]) or "."


def relative_href(here: str, there: str) -> str:
    """Link from the page at absolute path `here` to `there`; directory URLs keep their slash."""
    folder = here if here.endswith("/") else posixpath.dirname(here) + "/"
    relative = relative_path(there, folder)
    if there.endswith("/") and relative != ".":
        relative += "/"
    return "./" if relative == "." else relative
