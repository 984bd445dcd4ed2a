"""Reading and validating content/ — every error as `path:line: field: message`.

The site build trusts nothing it reads: a page without a sign-off, with an
unknown format version, or whose sign-off hash does not match its text is an
error that stops the build (issue 4, "Bad input").
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import blockyaml
from .errors import ContentError, ContentErrors
from .hashing import content_hash
from .model import (
    CHANNEL_KINDS,
    FORMAT_VERSION,
    LANGUAGES,
    PAGE_TYPES,
    REGISTRY_KINDS,
    REGISTRY_REQUIRED,
    REQUIRED,
    SIGNOFF_FIELDS,
)


def _key_lines(node, prefix="", offset=0, out=None) -> dict[str, int]:
    """Map dotted paths (``panels.0.alt``) to 1-based line numbers."""
    out = {} if out is None else out
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            path = f"{prefix}.{k.value}" if prefix else str(k.value)
            out[path] = k.start_mark.line + 1 + offset
            _key_lines(v, path, offset, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            path = f"{prefix}.{i}"
            out[path] = v.start_mark.line + 1 + offset
            _key_lines(v, path, offset, out)
    return out


try:  # libyaml is ~13x faster than the pure-Python loader; at 10,000 pages it matters
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class LazyLines(dict):
    """Field → line map, composed only when an error needs a line number.

    Composing the node tree doubles the parse cost, and valid files (nearly all
    of them) never need it.
    """

    def __init__(self, text: str, offset: int):
        super().__init__()
        self._text, self._offset, self._done = text, offset, False

    def _fill(self):
        if not self._done:
            self._done = True
            node = yaml.compose(self._text, Loader=_Loader)
            if node is not None:
                self.update(_key_lines(node, offset=self._offset))

    def __contains__(self, key):
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key):
        self._fill()
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._fill()
        return super().get(key, default)


class _Doc:
    """A parsed YAML document plus where each field sits, for error messages."""

    def __init__(self, path: str, data: Any, lines: dict[str, int], default_line: int = 1):
        self.path, self.data, self.lines, self.default_line = path, data, lines, default_line
        self.errors: list[ContentError] = []

    def line(self, field_path: str) -> int:
        probe = field_path
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe.rpartition(".")[0]
        return self.default_line

    def error(self, field_path: str, message: str) -> None:
        self.errors.append(ContentError(self.path, self.line(field_path), field_path, message))


# libyaml's parser when PyYAML was built with it: same nodes, same line marks, about
# five times faster, and one parse serves both the line map and the data (issue 9:
# pure-Python parsing twice was the largest cost of a 10,000-page build).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_construct(text: str):
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _parse_yaml(path: str, text: str, offset: int) -> _Doc:
    try:
        # Files as kepu's writer emits them (nearly all): read without PyYAML's
        # per-node objects; anything else, and every error, goes through libyaml.
        return _Doc(path, blockyaml.load(text), LazyLines(text, offset), 1 + offset)
    except blockyaml.NotBlockYaml:
        pass
    try:
        node, data = _compose_and_construct(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = (mark.line + 1 + offset) if mark else 1 + offset
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentErrors([ContentError(path, line, "front matter", f"invalid YAML: {problem}")]) from None
    return _Doc(path, data, LazyLines(text, offset), 1 + offset)


# A line that is "---" once stripped (str.strip and \s agree on what whitespace is).
_FENCE = re.compile(r"^[^\S\n]*---[^\S\n]*$", re.MULTILINE)


def split_front_matter(path: str, text: str) -> tuple[str, str, int]:
    first_end = text.find("\n")
    if first_end > 0 and text[:first_end].strip() == "---":
        # Same result as the line loop below, without splitting the whole body into lines.
        fence = _FENCE.search(text, first_end + 1)
        if fence is not None:
            return text[first_end + 1:max(fence.start() - 1, first_end + 1)], text[fence.end() + 1:].strip(), 1
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentErrors([ContentError(path, 1, "front matter", "file must start with a '---' line")])
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]).strip(), 1
    raise ContentErrors([ContentError(path, 1, "front matter", "no closing '---' line")])


def _is_date(value) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value)[:10])
        return True
    except ValueError:
        return False


def _check_format(doc: _Doc) -> bool:
    data = doc.data
    if not isinstance(data, dict):
        doc.error("front matter", "must be a mapping of fields")
        return False
    if "format" not in data:
        doc.error("format", "missing (expected format: 1)")
        return False
    if data["format"] != FORMAT_VERSION:
        doc.error("format", f"unknown format version {data['format']!r} (this kepu reads {FORMAT_VERSION})")
        return False
    return True


_SLUG = re.compile(r"[A-Za-z0-9-]+")  # ASCII letters, digits and hyphens


def _file_exists(root: Path, rel: str, known: dict[str, bool] | None) -> bool:
    """Whether root/rel is a file; ``known`` remembers answers within one tree load
    (a few dozen illustrations are shared by thousands of panels)."""
    if known is None:
        return (root / rel).is_file()
    found = known.get(rel)
    if found is None:
        found = known[rel] = (root / rel).is_file()
    return found


# The characters XML 1.0 cannot hold (and HTML forbids): a page with one would
# stop the feeds' writer (kepu/channels/syndication.py) without naming the page.
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F]")


def _control_characters(doc: _Doc, body: str) -> None:
    """An error for each field (and the body) holding a control character. The
    front matter can only hold one through a double-quoted escape ("\\x01"):
    YAML refuses them written as they are."""
    def walk(value, where: str) -> None:
        if isinstance(value, str):
            if found := _CONTROL.search(value):
                doc.error(where, f"contains the control character U+{ord(found.group()):04X}, "
                                 "which HTML and feeds cannot hold")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}.{i}")

    walk(doc.data, "")
    walk(body, "body")


def _validate_page(doc: _Doc, body: str, root: Path | None,
                   known_files: dict[str, bool] | None = None) -> None:
    data = doc.data
    ptype = data.get("type")
    if ptype not in PAGE_TYPES:
        doc.error("type", f"must be one of {', '.join(PAGE_TYPES)}, not {ptype!r}")
        return
    for name in REQUIRED["all"] + REQUIRED[ptype]:
        if data.get(name) in (None, "", []):
            doc.error(name, "required field is missing or empty")
    if data.get("lang") not in (None, *LANGUAGES):
        doc.error("lang", f"must be one of {', '.join(LANGUAGES)}")
    slug = str(data.get("slug") or "")
    if slug and not _SLUG.fullmatch(slug):
        doc.error("slug", f"must be ASCII letters, digits and hyphens, not {slug!r}")
    for i, ref in enumerate(data.get("references") or []):
        if not isinstance(ref, dict) or not ref.get("title"):
            doc.error(f"references.{i}", "each reference needs a title")
    if ptype == "explainer":
        for i, panel in enumerate(data.get("panels") or []):
            if not isinstance(panel, dict):
                doc.error(f"panels.{i}", "must be a mapping")
                continue
            if not str(panel.get("alt") or "").strip():
                doc.error(f"panels.{i}.alt", "alt text is required for every illustration")
            image = panel.get("image")
            if not image:
                doc.error(f"panels.{i}.image", "illustration path is required")
            elif root is not None and not _file_exists(root, image, known_files):
                doc.error(f"panels.{i}.image", f"illustration {image} does not exist")
            for j, bubble in enumerate(panel.get("bubbles") or []):
                if not isinstance(bubble, dict) or not str(bubble.get("text") or "").strip():
                    doc.error(f"panels.{i}.bubbles.{j}", "a speech bubble needs text")
    signoff = data.get("signoff")
    if signoff is None:
        return
    if not isinstance(signoff, dict):
        doc.error("signoff", "must be a mapping")
        return
    for name in SIGNOFF_FIELDS:
        if signoff.get(name) in (None, ""):
            doc.error(f"signoff.{name}", "required sign-off field is missing")
    if signoff.get("next_review") and not _is_date(signoff["next_review"]):
        doc.error("signoff.next_review", "must be a date (YYYY-MM-DD)")
    recorded = signoff.get("content_hash")
    if recorded and not doc.errors:
        actual = content_hash(data, body)
        if recorded != actual:
            doc.error("signoff.content_hash",
                      "does not match the page text: this is not the text the expert signed")


@dataclass
class Page:
    path: str
    meta: dict[str, Any]
    body: str
    lines: dict[str, int] = field(default_factory=dict, repr=False)

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)


def _shown(path: Path, root: Path | None) -> str:
    """``path`` as error messages show it: relative to ``root`` when inside it."""
    if root:
        text, prefix = str(path), str(root) + os.sep
        if text.startswith(prefix):  # both normalised by pathlib: same as relative_to
            return text[len(prefix):]
        if path.is_relative_to(root):
            return str(path.relative_to(root))
    return str(path)


def read_page_file(path: Path, root: Path | None = None, *,
                   known_files: dict[str, bool] | None = None, data: bytes | None = None) -> Page:
    """Read and validate one page file; raise ContentErrors naming file, line and field.
    ``known_files`` caches which illustrations exist, across the files of one tree.
    ``data``: the file's bytes, when the caller has read them already (to hash them)."""
    path = Path(path)
    shown = _shown(path, root)
    try:
        if data is None:
            text = path.read_text(encoding="utf-8")
        else:
            text = data.decode("utf-8")
            if "\r" in text:  # as read_text's universal newlines make them
                text = text.replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise ContentErrors([ContentError(shown, 1, "file", f"not UTF-8: {exc.reason}")]) from None
    front, body, offset = split_front_matter(shown, text)
    doc = _parse_yaml(shown, front, offset)
    if _check_format(doc):
        if "\\" in front or _CONTROL.search(body):  # one scan of the text in the common case
            _control_characters(doc, body)
        _validate_page(doc, body, root, known_files)
    if doc.errors:
        raise ContentErrors(doc.errors)
    return Page(shown, doc.data, body, doc.lines)


def read_registry_file(path: Path, kind: str, root: Path | None = None) -> dict[str, Any]:
    path = Path(path)
    shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    doc = _parse_yaml(shown, path.read_text(encoding="utf-8"), 0)
    if _check_format(doc):
        for name in REGISTRY_REQUIRED[kind]:
            if doc.data.get(name) in (None, "", []):
                doc.error(name, "required field is missing or empty")
        if kind == "channels" and doc.data.get("kind") not in CHANNEL_KINDS:
            doc.error("kind", f"must be one of {', '.join(CHANNEL_KINDS)}")
        if doc.data.get("slug") and doc.data["slug"] != path.stem:
            doc.error("slug", f"must match the file name {path.stem!r}")
    if doc.errors:
        raise ContentErrors(doc.errors)
    return doc.data


@dataclass
class ContentTree:
    root: Path
    pages: list[Page] = field(default_factory=list)
    experts: dict[str, dict] = field(default_factory=dict)
    channels: dict[str, dict] = field(default_factory=dict)
    characters: dict[str, dict] = field(default_factory=dict)
    sponsors: dict[str, dict] = field(default_factory=dict)
    withdrawn: list[dict] = field(default_factory=list)

    def registry(self, kind: str) -> dict[str, dict]:
        return getattr(self, kind)


def load_content_tree(root: Path) -> ContentTree:
    """Read every file under ``root``; collect all errors, then raise them together."""
    root = Path(root)
    tree = ContentTree(root)
    errors: list[ContentError] = []
    if not root.is_dir():
        raise ContentErrors([ContentError(str(root), 0, "content", "folder does not exist")])
    for kind in REGISTRY_KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            try:
                tree.registry(kind)[path.stem] = read_registry_file(path, kind, root)
            except ContentErrors as exc:
                errors.extend(exc.errors)
    known_files: dict[str, bool] = {}
    for lang in LANGUAGES:
        for path in sorted((root / lang).rglob("*.md")):
            try:
                tree.pages.append(read_page_file(path, root, known_files=known_files))
            except ContentErrors as exc:
                errors.extend(exc.errors)
    withdrawn = root / "withdrawn.yaml"
    if withdrawn.is_file():
        doc = _parse_yaml("withdrawn.yaml", withdrawn.read_text(encoding="utf-8"), 0)
        if _check_format(doc):
            tree.withdrawn = list(doc.data.get("pages") or [])
        errors.extend(doc.errors)
    errors.extend(_cross_references(tree))
    if errors:
        raise ContentErrors(errors)
    return tree


def _cross_references(tree: ContentTree, checked: frozenset | set = frozenset()) -> list[ContentError]:
    """Errors between files: unknown experts, sponsors and characters, missing hubs,
    shortcodes and URLs used twice. ``checked`` holds the ids of pages already found
    to name only known registry entries, against these same registries (a build
    worker's unchanged pages): their registry look-ups are skipped."""
    errors = []
    hubs = {(p.meta["lang"], p.meta["disease"]) for p in tree.pages if p.meta["type"] == "disease"}
    seen_codes: dict[str, str] = {}
    seen_urls: dict[tuple, str] = {}

    def err(page: Page, fld: str, msg: str):
        probe, line = fld, 1
        while probe:
            if probe in page.lines:
                line = page.lines[probe]
                break
            probe = probe.rpartition(".")[0]
        errors.append(ContentError(page.path, line, fld, msg))

    for page in tree.pages:
        if id(page) not in checked:
            _registry_references(page, tree, err)
        meta = page.meta  # 10,000 pages a build: the dict itself, not Page.__getitem__
        lang, disease, is_hub = meta["lang"], meta["disease"], meta["type"] == "disease"
        if not is_hub and (lang, disease) not in hubs:
            err(page, "disease", f"no {lang} disease hub {disease!r}")
        code = meta["shortcode"]
        if code in seen_codes:
            err(page, "shortcode", f"{code!r} is already used by {seen_codes[code]}")
        seen_codes[code] = page.path
        key = (lang, disease, is_hub, meta["slug"])
        if key in seen_urls:
            err(page, "slug", f"{page['slug']!r} is already used by {seen_urls[key]}")
        seen_urls[key] = page.path
    return errors


def _registry_references(page: Page, tree: ContentTree, err) -> None:
    expert = (page.get("signoff") or {}).get("expert")
    if expert and expert not in tree.experts:
        err(page, "signoff.expert", f"unknown expert {expert!r} (no experts/{expert}.yaml)")
    sponsor = page.get("sponsor")
    if sponsor and sponsor not in tree.sponsors:
        err(page, "sponsor", f"unknown sponsor {sponsor!r}")
    for i, ch in enumerate(page.get("characters") or []):
        if ch not in tree.characters:
            err(page, f"characters.{i}", f"unknown character {ch!r}")
    for i, panel in enumerate(page.get("panels") or []):
        for j, bubble in enumerate(panel.get("bubbles") or []):
            ch = bubble.get("character")
            if ch and ch not in tree.characters:
                err(page, f"panels.{i}.bubbles.{j}.character", f"unknown character {ch!r}")
