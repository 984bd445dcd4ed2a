"""A small on-disk cache for generated images (QR codes, share cards).

Choosing a QR mask (ISO 18004 penalty scoring) and drawing a CJK card cost tens
of milliseconds each; at 10,000 pages that is minutes per build for files that
almost never change. Entries are keyed by a hash of everything that goes into
the file, so a stale entry is impossible — a change of input is a new key.
Lives in var/cache/channels (KEPU_VAR_DIR), beside the search index and the
jieba cache; delete the folder at any time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def cache_key(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class FileCache:
    def __init__(self, root: Path | None):
        self.root = Path(root) if root else None

    @classmethod
    def default(cls, configured=None) -> FileCache:
        """``configured`` (a setting) wins; ``False`` disables; else var/cache/channels."""
        if configured is False:
            return cls(None)
        if configured:
            return cls(Path(configured))
        from kepu import paths

        return cls(Path(os.environ.get("KEPU_VAR_DIR") or paths.var_dir()) / "cache" / "channels")

    def get(self, key: str, suffix: str) -> bytes | None:
        if self.root is None:
            return None
        path = self.root / key[:2] / f"{key}{suffix}"
        try:
            return path.read_bytes()
        except OSError:
            return None

    def put(self, key: str, suffix: str, data: bytes) -> None:
        if self.root is None:
            return
        folder = self.root / key[:2]
        folder.mkdir(parents=True, exist_ok=True)
        # Write then rename: two parallel builds never see half a file.
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / f"{key}{suffix}")
