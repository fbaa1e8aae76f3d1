"""Which files may enter the site, and reading them without trusting the file system.

Everything under the source folders comes from pull requests, so the folders are an allowlist:
records are `<id>.yml` files in their kind's folder, hand-written pages are `*.md` files in
`content/<lang>/`, and the only other files published are images in `content/<lang>/images/`,
checked by their first bytes. Nothing is followed through a symlink, nothing is read that is not
a regular file (a FIFO or `/dev/zero` would hang or fill memory), and nothing is read past its
size cap. Each refusal is an Issue naming the file and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kb.issues import Issue
from kb.messages import msg

# Far above the largest real file (a case of 47 kB, a page of 9 kB): a larger one is a pasting
# accident or an attack on the parsers, and is refused before it is read.
MAX_RECORD_BYTES = 1024 * 1024
MAX_PAGE_BYTES = 256 * 1024
MAX_IMAGE_BYTES = 2 * 1024 * 1024

# The folder inside content/<lang>/ whose images are published as they are. The theme's own files
# live under assets/, so nothing here can take the place of the theme's JavaScript or CSS.
IMAGES_FOLDER = "images"
# Image types by their first bytes: the name alone proves nothing. SVG is left out on purpose:
# it is a document that can carry script.
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and b"WEBP" at offset 8, checked below
}
# Spellings of Markdown that MkDocs would build as pages but that are easy to miss in review.
OTHER_MARKDOWN = {".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".text"}


@dataclass(frozen=True)
class Entry:
    """A regular file found under a source folder (never a symlink, device or FIFO)."""

    path: Path  # absolute
    rel: Path  # relative to the repository root
    size: int


def list_folder(root: Path, folder: str, issues: list[Issue], *, recursive: bool) -> list[Entry]:
    """Regular files under `root/folder`, sorted; symlinks and special files become issues.

    Hidden files (`.DS_Store`, `.gitkeep`) are skipped, as MkDocs skips them."""
    top = root / folder
    try:
        mode = os.lstat(top).st_mode
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(mode):
        issues.append(refusal(top.relative_to(root), mode))
        return []
    found: list[Entry] = []
    pending = [top]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            issues.append(Issue(directory.relative_to(root), (), msg("cannot list the folder: {reason}", reason=str(error.strerror))))
            continue
        for child in children:
            if child.name.startswith("."):
                continue
            path = Path(child.path)
            rel = path.relative_to(root)
            info = child.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                if recursive:
                    pending.append(path)
                else:
                    issues.append(Issue(rel, (), msg("folders are not allowed here"), msg("move its files into {folder}/", folder=folder)))
            elif stat.S_ISREG(info.st_mode):
                found.append(Entry(path, rel, info.st_size))
            else:
                issues.append(refusal(rel, info.st_mode))
    return sorted(found, key=lambda e: e.rel.as_posix())


def refusal(rel: Path, mode: int) -> Issue:
    """Why a path that is not a plain file or folder is refused."""
    if stat.S_ISLNK(mode):
        return Issue(rel, (), msg("symbolic links are not allowed"), msg("commit the file itself instead of a link to it"))
    return Issue(rel, (), msg("only regular files are allowed (this is a device, FIFO or socket)"), msg("remove it"))


def read_capped(entry: Entry, cap: int, issues: list[Issue]) -> bytes | None:
    """The file's bytes, or None (and an issue) if it is too large or no longer a regular file.

    Opened without following a symlink and checked again on the open file, so a file swapped for
    a link or a FIFO after it was listed is still refused; never more than `cap` bytes are read."""
    if entry.size > cap:
        issues.append(too_large(entry.rel, cap))
        return None
    try:
        fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            issues.append(refusal(entry.rel, stat.S_IFLNK))
        else:
            issues.append(Issue(entry.rel, (), msg("cannot read the file: {reason}", reason=str(error.strerror))))
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            issues.append(refusal(entry.rel, info.st_mode))
            return None
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(cap + 1)
    finally:
        os.close(fd)
    if len(data) > cap:
        issues.append(too_large(entry.rel, cap))
        return None
    return data


def too_large(rel: Path, cap: int) -> Issue:
    return Issue(rel, (), msg("file is larger than {size} kB", size=cap // 1024), msg("split it, or check that nothing was pasted by mistake"))


def page_or_asset_problem(rel_in_lang: PurePosixPath) -> tuple[str, str] | None:
    """Why a file in content/<lang>/ may not be published, or None for a page or an image."""
    suffix = rel_in_lang.suffix
    if suffix == ".md":
        return None
    name = rel_in_lang.name
    if suffix.lower() == ".md" or suffix.lower() in OTHER_MARKDOWN:
        return msg("Markdown pages end in '.md', not '{suffix}'", suffix=suffix), msg("rename it to '{name}'", name=f"{rel_in_lang.stem}.md")
    if rel_in_lang.parts[0] == IMAGES_FOLDER and len(rel_in_lang.parts) > 1:
        if suffix in IMAGE_SIGNATURES:
            return None
        if suffix.lower() in IMAGE_SIGNATURES:
            return msg("image names end in lower case ('{suffix}')", suffix=suffix.lower()), msg(
                "rename it to '{name}'", name=rel_in_lang.stem + suffix.lower()
            )
        return msg("'{name}' is not an image type the site publishes", name=name), msg("use PNG, JPEG, GIF or WebP (SVG can carry script)")
    return (
        msg("only Markdown pages (.md) and images in {folder}/ are published, not '{name}'", folder=IMAGES_FOLDER, name=name),
        msg("move images to content/<lang>/{folder}/; other files do not belong here", folder=IMAGES_FOLDER),
    )


def image_problem(suffix: str, head: bytes) -> str | None:
    """Why the bytes are not the image type the name says, or None when they are."""
    ok = any(head.startswith(signature) for signature in IMAGE_SIGNATURES[suffix])
    if suffix == ".webp":
        ok = ok and head[8:12] == b"WEBP"
    return None if ok else msg("the file is not a {kind} image (its first bytes say otherwise)", kind=suffix[1:].upper())
