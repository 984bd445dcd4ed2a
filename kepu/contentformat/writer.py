"""Deterministic writing of content/ files, swapped into place whole.

Two exports of the same data must be byte-identical and must not touch a
file's modification time (issue 4.3), so unchanged files are hard-linked from
the previous tree into the staging folder instead of being rewritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import COMMON_FIELDS, SIGNOFF_FIELDS, TYPE_FIELDS


class _Dumper(yaml.SafeDumper):
    """SafeDumper that writes multi-line strings as blocks, for readable diffs."""


def _str_presenter(dumper, data):
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_presenter)


def _ordered(page: dict[str, Any]) -> dict[str, Any]:
    order = list(COMMON_FIELDS) + list(TYPE_FIELDS.get(page.get("type"), ()))
    out = {k: page[k] for k in order if k in page}
    for k in sorted(set(page) - set(out)):
        out[k] = page[k]
    if isinstance(out.get("signoff"), dict):
        so = out["signoff"]
        out["signoff"] = {k: so[k] for k in SIGNOFF_FIELDS if k in so} | {
            k: so[k] for k in sorted(set(so) - set(SIGNOFF_FIELDS))
        }
    return out


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=10_000, default_flow_style=False)


def dump_page(page: dict[str, Any], body: str) -> str:
    """One page file: YAML front matter between --- lines, then Markdown."""
    body = body.strip()
    text = "---\n" + dump_yaml(_ordered(page)) + "---\n"
    if body:
        text += "\n" + body + "\n"
    return text


def page_relpath(page: dict[str, Any]) -> str:
    name = "index" if page["type"] == "disease" else page["slug"]
    return f"{page['lang']}/{page['disease']}/{name}.md"


@dataclass
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _existing_files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def write_tree(dest: Path, files: dict[str, bytes], keep: tuple[str, ...] = ("README.md",)) -> WriteStats:
    """Replace ``dest`` with exactly ``files`` (relative path → bytes).

    The new tree is staged next to ``dest`` and swapped in with renames, so a
    crash mid-export leaves the previous tree intact. Files in ``keep`` (e.g.
    a hand-written README) survive even though no export produces them.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    stats = WriteStats()
    old = _existing_files(dest)
    for name in keep:
        if name in old and name not in files:
            files = {**files, name: (dest / name).read_bytes()}
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.staging-", dir=dest.parent))
    try:
        for rel in sorted(files):
            data = files[rel]
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            current = dest / rel
            if rel in old and current.stat().st_size == len(data) and current.read_bytes() == data:
                os.link(current, target)
                stats.unchanged.append(rel)
            else:
                target.write_bytes(data)
                stats.written.append(rel)
        stats.removed = sorted(old - set(files))
        if not stats.written and not stats.removed and dest.is_dir():
            shutil.rmtree(staging)
            return stats
        backup = dest.parent / f".{dest.name}.previous"
        if backup.exists():
            shutil.rmtree(backup)
        if dest.exists():
            os.rename(dest, backup)
        os.rename(staging, dest)
        shutil.rmtree(backup, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return stats
