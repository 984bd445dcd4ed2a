"""Checking content/ files: findings pinned to ``path:line`` for `kepu check`.

Files are parsed leniently here (no format validation) so a page with a
format error still gets its compliance findings; the format errors come from
kepu.contentformat.load_content_tree, the same reader the site build uses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .checks import check_page
from .findings import Finding

LANGUAGE_DIRS = ("zh", "en")


@dataclass(frozen=True)
class PageFile:
    path: str                 # relative to the content folder
    meta: dict
    body: str
    field_lines: dict         # dotted field path -> first line of its text
    block_fields: frozenset   # fields written as YAML block scalars (text starts a line later)
    body_line: int            # line of the body's first character


def _walk(node, prefix, lines, blocks):
    if isinstance(node, yaml.MappingNode):
        pairs = [(f"{prefix}.{k.value}" if prefix else str(k.value), v) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        pairs = [(f"{prefix}.{i}", v) for i, v in enumerate(node.value)]
    else:
        return
    for path, value in pairs:
        lines[path] = value.start_mark.line + 2  # +1 for 1-based, +1 for the opening '---'
        if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
            blocks.add(path)
        _walk(value, path, lines, blocks)


def parse_page_file(path: Path, root: Path) -> PageFile | None:
    """Front matter, body and line numbers of one page file; None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if close is None:
        return None
    front = "\n".join(lines[1:close])
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(front)
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    field_lines: dict[str, int] = {}
    blocks: set[str] = set()
    _walk(node, "", field_lines, blocks)
    rest = lines[close + 1:]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    return PageFile(path.relative_to(root).as_posix(), meta, "\n".join(rest).strip(),
                    field_lines, frozenset(blocks), close + 2 + blank)


def line_of(page: PageFile, finding: Finding) -> int:
    """The file line a finding points at: the exact line inside multi-line text."""
    offset = finding.span[0] if finding.span else 0
    if finding.field == "body":
        return page.body_line + page.body[:offset].count("\n")
    probe = finding.field
    while probe and probe not in page.field_lines:
        probe = probe.rpartition(".")[0]
    if not probe:
        return 1
    line = page.field_lines[probe]
    if probe == finding.field and probe in page.block_fields:
        text = _value(page.meta, probe)
        line += 1 + (text[:offset].count("\n") if isinstance(text, str) else 0)
    return line


def _value(data, dotted: str):
    for part in dotted.split("."):
        data = data[int(part)] if isinstance(data, list) else (data or {}).get(part)
    return data


def page_files(root: Path) -> list[Path]:
    return [p for lang in LANGUAGE_DIRS for p in sorted((root / lang).rglob("*.md"))]


def check_content_dir(root: Path, *, brands: Iterable[str] = ()) -> tuple[list[Finding], int]:
    """Findings for every page file under ``root``, with ``location`` = ``path:line``.

    Returns (findings, number of page files checked).
    """
    root = Path(root)
    brands = tuple(brands)
    findings: list[Finding] = []
    files = page_files(root)
    for path in files:
        page = parse_page_file(path, root)
        if page is None:
            continue  # the format check reports why
        for finding in check_page(page.meta, page.body, brands=brands):
            findings.append(replace(finding, location=f"{page.path}:{line_of(page, finding)}"))
    return findings, len(files)
