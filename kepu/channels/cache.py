"""A small on-disk cache for generated images (QR codes, share cards).

Drawing a CJK card costs milliseconds and a QR code most of one; at 10,000
pages that is seconds per full rebuild (a template or code change) for files
that almost never change. Entries are keyed by a hash of everything that goes
into the file, so a stale entry is impossible — a change of input is a new key.
Lives in var/cache/channels (KEPU_VAR_DIR), beside the search index and the
jieba cache; delete the folder at any time.

Entries are appended to pack files, not written one file each: creating a file
cost 0.2–1.5 ms on this disk (more than drawing a QR code), and a cold
10,000-page build made 20,000–40,000 of them. Each process that stores entries
appends to its own ``packs/<time>-<pid>.pack`` and records ``name offset
length`` lines in the matching ``.idx`` (written after the bytes, so a reader
never sees a half-written entry; a torn last line is ignored). Parallel builds
and forked workers never share a pack. Packs only grow with new inputs (an
edited page adds its new card and code); past MAX_PACKS packs or MAX_BYTES the
folder is emptied and refilled by the next build.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

MAX_PACKS = 400
MAX_BYTES = 2_000_000_000
_APPEND = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
_READ = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)


def cache_key(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class FileCache:
    def __init__(self, root: Path | None):
        self.root = Path(root) if root else None
        self._entries: dict[str, tuple[str, int, int]] | None = None   # name → (pack, offset, length)
        self._readers: dict[str, int] = {}                           # pack → fd (this process)
        self._writer: tuple[int, int, int, str] | None = None        # (pid, pack fd, index fd, pack)
        self._written = 0

    @classmethod
    def default(cls, configured=None) -> FileCache:
        """``configured`` (a setting) wins; ``False`` disables; else var/cache/channels."""
        if configured is False:
            return cls(None)
        if configured:
            return cls(Path(configured))
        from kepu import paths

        return cls(Path(os.environ.get("KEPU_VAR_DIR") or paths.var_dir()) / "cache" / "channels")

    def load(self) -> None:
        """Read the index now (call before forking workers, so they share it)."""
        if self.root is not None and self._entries is None:
            self._entries = self._read_index(self.root / "packs")

    def get(self, key: str, suffix: str) -> bytes | None:
        if self.root is None:
            return None
        self.load()
        found = self._entries.get(key + suffix)
        if found is None:
            return None
        pack, offset, length = found
        try:
            fd = self._readers.get(pack)
            if fd is None:
                fd = self._readers[pack] = os.open(pack, _READ)
            data = os.pread(fd, length, offset)
        except OSError:
            return None
        return data if len(data) == length else None

    def put(self, key: str, suffix: str, data: bytes) -> None:
        if self.root is None:
            return
        self.load()
        pid = os.getpid()
        if self._writer is None or self._writer[0] != pid:   # a forked worker opens its own
            self._writer = self._open_pack(pid)
            self._written = 0
        _, pack_fd, index_fd, pack = self._writer
        offset = self._written
        _write_all(pack_fd, data)
        self._written += len(data)
        _write_all(index_fd, f"{key}{suffix} {offset} {len(data)}\n".encode("ascii"))
        self._entries[key + suffix] = (pack, offset, len(data))

    def _open_pack(self, pid: int) -> tuple[int, int, int, str]:
        folder = self.root / "packs"
        folder.mkdir(parents=True, exist_ok=True)
        stem = os.path.join(folder, f"{time.time_ns():x}-{pid}")
        return pid, os.open(stem + ".pack", _APPEND, 0o666), os.open(stem + ".idx", _APPEND, 0o666), \
            stem + ".pack"

    @staticmethod
    def _read_index(folder: Path) -> dict[str, tuple[str, int, int]]:
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(".idx"))
        except OSError:
            return {}
        packs = [os.path.join(folder, n[:-4] + ".pack") for n in names]
        try:
            size = sum(os.path.getsize(p) for p in packs)
        except OSError:
            size = 0
        if len(names) > MAX_PACKS or size > MAX_BYTES:
            for name in names:   # start afresh; the next build refills it
                for path in (os.path.join(folder, name), os.path.join(folder, name[:-4] + ".pack")):
                    try:
                        os.unlink(path)
                    except OSError:
                        pass
            return {}
        current = {os.path.join(folder, n) for n in names}
        for gone in [p for p in _parsed if os.path.dirname(p) == str(folder) and p not in current]:
            del _parsed[gone]
        entries: dict[str, tuple[str, int, int]] = {}
        for name, pack in zip(names, packs, strict=True):   # oldest first: newer entries win
            entries.update(_parsed_index(os.path.join(folder, name), pack))
        return entries


# {index file: (size, its entries)}: index files only grow, so a long-running
# process (a build worker) parses each one again only after it grew.
_parsed: dict[str, tuple[int, dict[str, tuple[str, int, int]]]] = {}


def _parsed_index(path: str, pack: str) -> dict[str, tuple[str, int, int]]:
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            known = _parsed.get(path)
            if known is not None and known[0] == size:
                return known[1]
            lines = fh.read().split(b"\n")
    except OSError:
        return {}
    entries = {}
    for line in lines[:-1]:     # the last piece is empty, or a torn line
        try:
            entry, offset, length = line.decode("ascii").split(" ")
            entries[entry] = (pack, int(offset), int(length))
        except ValueError:
            continue
    _parsed[path] = (size, entries)
    return entries


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
