"""`hugo server`'s in-memory rebuild after one edit: the bar issue 9 sets for kepu.

Hugo prints "Total in N ms" after each rebuild; the figure reported is the
wall time from writing the edited file to that line (file-watcher latency
included, as an editor would see it) next to Hugo's own N.
"""

from __future__ import annotations

import queue
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

_TOTAL = re.compile(r"Total in (\d+) ms")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_rebuilds(binary: Path, site_dir: Path, edit: Callable[[int], None], runs: int,
                    timeout: float = 120.0) -> list[dict]:
    """Start `hugo server` on ``site_dir``; ``runs`` times call ``edit(i)`` and time the rebuild."""
    cmd = [str(binary), "server", "--source", str(site_dir), "--bind", "127.0.0.1",
           "--port", str(_free_port()), "--renderToMemory", "--disableLiveReload",
           "--disableFastRender", "--noBuildLock"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()

    def read():
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern: str) -> tuple[str, float]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None:
                    raise RuntimeError("hugo server exited") from None
                continue
            if re.search(pattern, line):
                return line, time.perf_counter()
        raise TimeoutError(f"hugo server: no {pattern!r} within {timeout:.0f}s")

    results = []
    try:
        wait_for(r"Web Server is available")
        for i in range(runs):
            time.sleep(1.0)  # let the watcher settle between edits
            while not lines.empty():
                lines.get_nowait()
            started = time.perf_counter()
            edit(i)
            line, ended = wait_for(_TOTAL.pattern)
            results.append({"seconds": ended - started,
                            "hugo_reported_seconds": int(_TOTAL.search(line).group(1)) / 1000})
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return results
