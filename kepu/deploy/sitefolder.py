"""The built site folder as a set of objects to store: key, bytes' MD5, headers.

Every decision that depends on a file (its key, its stored body, its headers,
its stage) is made here, once, before the bucket is touched.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from kepu.errors import UserInputError

from . import headers, redirects
from .patterns import matches_any
from .stages import stage_of

# Editor and OS litter that must never be published.
ALWAYS_EXCLUDED = (".DS_Store", "Thumbs.db", "*.swp", "*~", ".webassets-cache/**")
INDEX_PAGE = "index.html"


@dataclass(frozen=True)
class SiteFile:
    """One file of the built site, as it will be stored in the bucket."""

    key: str                      # full object key, prefix included
    path: Path
    size: int                     # size of the stored body (gzipped if gzipped)
    md5: str                      # hex MD5 of the stored body: what S3's ETag and x-amz-meta-md5 hold
    stage: str
    content_type: str
    cache_control: str | None = None
    content_encoding: str | None = None
    redirect: str | None = None

    def body(self) -> bytes:
        data = self.path.read_bytes()
        return headers.gzip_body(data) if self.content_encoding == "gzip" else data


def check_site_folder(output_dir: Path) -> Path:
    """Refuse a folder that cannot be a finished build: an empty build must never wipe a live site."""
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        raise UserInputError(f"{output_dir}: no such folder; run `kepu build` first")
    if not (output_dir / INDEX_PAGE).is_file():
        if not any(output_dir.iterdir()):
            raise UserInputError(f"{output_dir}: the folder is empty; refusing to deploy "
                                 "(it would delete the live site). Run `kepu build` first")
        raise UserInputError(f"{output_dir}: no {INDEX_PAGE} at the top of the folder; refusing "
                             "to deploy an incomplete build. Is this the right --output folder?")
    # A build swaps a fresh folder into place; resolving once keeps this deploy
    # reading one build even if the next one is swapped in meanwhile.
    return output_dir.resolve()


def scan(output_dir: Path, target) -> list[SiteFile]:
    """Every file to store, in key order, with the headers `target` configures."""
    root = check_site_folder(output_dir)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            rel = path.relative_to(root).as_posix()
            # Keys in NFC: macOS writes file names decomposed (NFD), but links
            # and browsers use the composed form, so 高血压.html must be one key.
            rel = unicodedata.normalize("NFC", rel)
            if matches_any(ALWAYS_EXCLUDED, rel) or matches_any(target.exclude, rel):
                continue
            found.append(_site_file(path, rel, target))
    return found


def _site_file(path: Path, rel: str, target) -> SiteFile:
    mime = headers.content_type(rel, target.content_types)
    stage = stage_of(rel)
    key = target.key_for(rel)
    encoding = redirect = None
    wants_gzip = target.gzip and headers.compressible(mime) and matches_any(target.gzip_patterns, rel)
    if wants_gzip or stage == "redirects":
        data = path.read_bytes()
        body = data
        if wants_gzip:
            packed = headers.gzip_body(data)
            if len(packed) < len(data):
                body, encoding = packed, "gzip"
        if stage == "redirects" and mime.startswith("text/html"):
            redirect = redirects.redirect_location(key, data)
        size, md5 = len(body), hashlib.md5(body, usedforsecurity=False).hexdigest()
    else:
        size, md5 = file_md5(path)
    return SiteFile(
        key=key, path=path, size=size, md5=md5, stage=stage, content_type=mime,
        cache_control=headers.cache_control(rel, target.cache_rules),
        content_encoding=encoding, redirect=redirect,
    )


def file_md5(path: Path) -> tuple[int, str]:
    """(size, hex MD5), read in chunks: media files may be hundreds of megabytes."""
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
