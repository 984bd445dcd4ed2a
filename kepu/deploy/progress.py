"""Deploy progress: a bar with counts and bytes on a terminal, plain lines when piped or under CI.

Both forms go to stderr, so `kepu deploy --dry-run > plan.txt` captures only the plan.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from .plan import human_bytes
from .stages import STAGE_TITLES


class Progress:
    """Told about each step of a deploy; subclasses decide how it looks."""

    def stage(self, name: str, files: int, size: int) -> None: ...

    def done(self, key: str, size: int, error: str | None = None) -> None: ...

    def close(self) -> None: ...


class Silent(Progress):
    pass


class Lines(Progress):
    """One line per finished file: greppable CI logs."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._count = self._total = 0

    def _write(self, text: str) -> None:
        with self._lock:
            print(text, file=self.stream, flush=True)

    def stage(self, name, files, size):
        self._count, self._total = 0, files
        self._write(f"{STAGE_TITLES[name]}: {files} files, {human_bytes(size)}")

    def done(self, key, size, error=None):
        with self._lock:
            self._count += 1
            count = f"[{self._count}/{self._total}]"
        if error:
            self._write(f"  FAILED {key}: {error} {count}")
        else:
            self._write(f"  {key} ({human_bytes(size)}) {count}")


class Bar(Progress):
    """A one-line bar redrawn in place (at most ten times a second)."""

    WIDTH = 24

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._name = ""
        self._files = self._size = self._done_files = self._done_bytes = self._failed = 0
        self._drawn = 0.0

    def stage(self, name, files, size):
        with self._lock:
            if self._name:
                self._draw(final=True)
            self._name, self._files, self._size = name, files, size
            self._done_files = self._done_bytes = self._failed = 0
            self._draw()

    def done(self, key, size, error=None):
        with self._lock:
            self._done_files += 1
            self._done_bytes += size
            if error:
                self._failed += 1
                self.stream.write(f"\r\033[K  FAILED {key}: {error}\n")
            if time.monotonic() - self._drawn > 0.1 or self._done_files == self._files:
                self._draw()

    def close(self):
        with self._lock:
            if self._name:
                self._draw(final=True)
                self._name = ""

    def _draw(self, final=False):
        self._drawn = time.monotonic()
        ratio = self._done_files / self._files if self._files else 1.0
        filled = int(ratio * self.WIDTH)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        failed = f", {self._failed} failed" if self._failed else ""
        self.stream.write(
            f"\r\033[K{self._name:<9} {bar} {self._done_files}/{self._files} files, "
            f"{human_bytes(self._done_bytes)}/{human_bytes(self._size)}{failed}, "
            f"{time.monotonic() - self._started:.1f} s" + ("\n" if final else ""))
        self.stream.flush()


def for_terminal(stream=None) -> Progress:
    """A bar on an interactive terminal, plain lines otherwise (pipes, files, CI=true)."""
    stream = stream or sys.stderr
    interactive = hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("CI")
    return Bar(stream) if interactive else Lines(stream)
