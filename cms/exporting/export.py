"""``kepu export`` from the database: signed revisions → content/ (issue 4.2, 4.3).

The files dict is assembled by ``build_files`` from plain documents, the same
function the remote exporter uses on what the API sends; that is why the ORM
and API exports are byte-identical. Each page is re-serialized from its signed
revision and its hash re-verified against the SignOff: a mismatch means the
text about to be published is not what the expert approved, and nothing is
written. The finished tree is validated by the site's own reader before it
replaces content/, so a bad export can never reach the build.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kepu.contentformat import (
    ContentErrors,
    content_hash,
    dump_page,
    page_relpath,
    write_tree,
)
from kepu.contentformat.writer import dump_yaml

from .registries import registry_media, registry_querysets
from .serialize import lookup_cache, page_document, page_media, read_image_bytes
from .snapshot import Entry, publication_state

# Unchanged files were validated when written; reading them back for the
# cross-file checks only needs the data, so use libyaml when it is there.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ExportRefused(Exception):
    """The export would publish something it must not; content/ was left as it was."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("export refused, content/ unchanged:\n" + "\n".join(
            f"  {p}" for p in self.problems))


@dataclass
class Snapshot:
    """Everything content/ will hold, as plain documents (what the API also serves)."""

    documents: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    registries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    media: dict[str, bytes] = field(default_factory=dict)
    tombstones: list[dict[str, Any]] = field(default_factory=list)
    expired: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ExportReport:
    written: list[str]
    unchanged: list[str]
    removed: list[str]
    pages: int
    tombstones: list[dict[str, Any]]
    expired: list[dict[str, Any]]
    seconds: float

    def lines(self) -> list[str]:
        out = [f"{self.pages} pages: {len(self.written)} files written, "
               f"{len(self.unchanged)} unchanged, {len(self.removed)} removed "
               f"({self.seconds:.2f}s)"]
        out += [f"  written  {p}" for p in self.written if not p.startswith("media/")][:50]
        out += [f"  removed  {p}" for p in self.removed][:50]
        for t in self.tombstones:
            out.append(f"withdrawn: {t['url']} (page {t['id']}, {t['reason']})")
        for e in self.expired:
            action = ("withdrawn until re-reviewed" if e["action"] == "withdrawn"
                      else "published with an 'under review' notice")
            out.append(f"expired review: {e['url']} (page {e['id']}, next review was "
                       f"{e['next_review']}, {e['expert']}): {action}")
        return out


def verified_document(entry: Entry) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """(meta, body, media images) of the signed revision; raises if the hash differs."""
    # What Revision.as_object() does, minus re-fetching the page we already hold.
    revision_page = entry.page.with_content_json(entry.signoff.revision.content)
    meta, body = page_document(revision_page, signoff=entry.signoff)
    actual = content_hash(meta, body)
    if actual != entry.signoff.content_hash:
        raise ExportRefused([
            f"page {entry.page.pk} ({page_relpath(meta)}), revision {entry.signoff.revision_id}: "
            f"sign-off #{entry.signoff.pk} recorded {entry.signoff.content_hash} but the revision "
            f"serializes to {actual}; the text is not what {entry.signoff.expert.slug} signed. "
            f"Have the page signed off again."])
    return meta, body, page_media(revision_page)


def registry_documents() -> tuple[dict[str, list[dict]], dict[str, Any]]:
    """kind → documents, plus the images they show (media path → image)."""
    from .serialize import media_name

    docs: dict[str, list[dict]] = {}
    images: dict[str, Any] = {}
    for kind, (queryset, to_document) in registry_querysets().items():
        docs[kind] = []
        for obj in queryset:
            docs[kind].append(to_document(obj))
            for image in registry_media(kind, obj):
                images[media_name(image)] = image
    return docs, images


def collect(today=None, policy=None) -> Snapshot:
    with lookup_cache():
        return _collect(today, policy)


def _collect(today, policy) -> Snapshot:
    state = publication_state(today=today, policy=policy)
    snapshot = Snapshot(tombstones=state.tombstones, expired=state.expired)
    images: dict[str, Any] = {}
    problems = []
    for entry in state.entries:
        try:
            meta, body, media = verified_document(entry)
        except ExportRefused as exc:
            problems += exc.problems
            continue
        snapshot.documents.append((meta, body))
        images.update(media)
    if problems:
        raise ExportRefused(problems)
    snapshot.registries, registry_images = registry_documents()
    images.update(registry_images)
    snapshot.media = {path: read_image_bytes(image) for path, image in sorted(images.items())}
    return snapshot


def build_files(documents, registries, media, tombstones) -> dict[str, bytes]:
    """The exact bytes of content/: one function for the ORM and the API path."""
    files: dict[str, bytes] = {}
    for meta, body in documents:
        files[page_relpath(meta)] = dump_page(meta, body).encode("utf-8")
    for kind, entries in registries.items():
        for data in entries:
            files[f"{kind}/{data['slug']}.yaml"] = dump_yaml(data).encode("utf-8")
    files.update(media)
    ordered = sorted(tombstones, key=lambda t: (t["lang"], t["url"], t["id"]))
    files["withdrawn.yaml"] = dump_yaml({"format": 1, "pages": ordered}).encode("utf-8")
    return files


def validate_files(files: dict[str, bytes], dest: Path | None = None) -> None:
    """Read the tree as the build will; refuse it if the build would.

    Files identical to those already in ``dest`` passed this check when they
    were written, so only changed files are parsed again (YAML parsing is most
    of an export's time). Cross-file rules (hubs, shortcodes, registries) are
    checked over the whole tree every time.
    """
    from kepu.contentformat import read_registry_file
    from kepu.contentformat.model import REGISTRY_KINDS
    from kepu.contentformat.reader import ContentTree, Page, _cross_references

    errors: list[str] = []
    tree = ContentTree(Path("."))
    with tempfile.TemporaryDirectory(prefix="kepu-export-check-") as tmp:
        root = Path(tmp)
        for rel in files:
            if rel.startswith("media/"):  # the reader only checks that they exist
                (root / rel).parent.mkdir(parents=True, exist_ok=True)
                (root / rel).touch()
        for rel, data in sorted(files.items()):
            kind = rel.split("/")[0]
            if kind == "media" or rel == "withdrawn.yaml":
                continue
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            unchanged = dest is not None and _same_bytes(dest / rel, data)
            try:
                if kind in REGISTRY_KINDS:
                    if not unchanged:
                        target.write_bytes(data)
                        read_registry_file(target, kind, root)
                    tree.registry(kind)[Path(rel).stem] = _load(data.decode("utf-8"))
                elif unchanged:
                    meta, body = _front_matter(data)
                    tree.pages.append(Page(rel, meta, body))
                else:
                    target.write_bytes(data)
                    tree.pages.append(_read_page(target, root, data))
            except ContentErrors as exc:
                errors += [str(e) for e in exc.errors]
    if not errors:
        errors = [str(e) for e in _cross_references(tree)]
    if errors:
        raise ExportRefused(errors)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _read_page(target: Path, root: Path, data: bytes):
    """The reader's page checks (required fields, alt text, sign-off, hash) on the parsed file.

    Parsed with libyaml, ten times faster than the reader's pure-Python pass;
    only a file with errors is read again by the reader itself, for the exact
    line numbers of its `path:line: field: message` report.
    """
    from kepu.contentformat import read_page_file
    from kepu.contentformat.reader import Page, _check_format, _Doc, _validate_page

    rel = target.relative_to(root).as_posix()
    meta, body = _front_matter(data)
    doc = _Doc(rel, meta, {}, 1)
    if _check_format(doc):
        _validate_page(doc, body, root)
    if doc.errors:
        return read_page_file(target, root)  # raises ContentErrors with line numbers
    return Page(rel, meta, body)


def _load(text: str):
    return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader, C or Python


def _front_matter(data: bytes) -> tuple[dict, str]:
    from kepu.contentformat.reader import split_front_matter

    front, body, _ = split_front_matter("", data.decode("utf-8"))
    return _load(front), body


def write_snapshot(snapshot: Snapshot, dest: Path, *, started: float,
                   validate: bool = True) -> ExportReport:
    files = build_files(snapshot.documents, snapshot.registries, snapshot.media,
                        snapshot.tombstones)
    if validate:
        validate_files(files, Path(dest))
    stats = write_tree(Path(dest), files)
    return ExportReport(stats.written, stats.unchanged, stats.removed, len(snapshot.documents),
                        snapshot.tombstones, snapshot.expired, time.monotonic() - started)


def export_content(dest: Path, *, today=None, policy=None, validate: bool = True) -> ExportReport:
    """Export every exportable page to ``dest``; unchanged files keep their bytes and mtimes."""
    started = time.monotonic()
    return write_snapshot(collect(today=today, policy=policy), dest, started=started,
                          validate=validate)
