"""Files written by another process while the build goes on (issue 9).

A full search index ends with ~5,600 small files to create. Creating a file
costs this machine 40 µs to 0.8 ms of kernel time (the most right after an
earlier build's files were deleted), so writing them was up to 2–3 s in which
the build's other core sat idle. The search child instead answers its parent
and then becomes a fresh interpreter that only writes those files
(parallel.exec_reporting): the pages are rendered meanwhile, and the
search child's few hundred MB go back to the system at once instead of
staying alive while the files are written. The build waits for the writer
before it finishes (parallel.finish_children) and stops it if the build fails.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Iterable
from pathlib import Path

from . import parallel


def write_files(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write each (path, bytes), making each folder once."""
    made = set()
    for path, data in files:
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


def hand_off(files: list[tuple[Path, bytes]], answer) -> None:
    """Have ``files`` written: in a child of parallel.in_child, by this process
    made into a small writer, after ``answer`` is handed back if it was not
    already (this call does not return); anywhere else, here and now."""
    if not parallel.in_forked_child() or not hasattr(os, "execve") or not files:
        write_files(files)
        return
    parallel.answer_now(answer)  # nothing if the caller answered already
    fd, batch = tempfile.mkstemp(prefix="kepu-files-", suffix=".pickle")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump(([(str(p), d) for p, d in files], parallel.logged_since_answer()), fh,
                    protocol=pickle.HIGHEST_PROTOCOL)
    parallel.exec_reporting(parallel.interpreter_argv(
        "from kepu.incremental.filewriter import main; main()", batch))


def main() -> None:
    """The writer: ``<batch> --report-fd N``."""
    batch, fd = sys.argv[1], int(sys.argv[3])
    records = []
    try:
        with open(batch, "rb") as fh:
            files, records = pickle.load(fh)  # noqa: S301 — written by our own parent
        write_files([(Path(p), d) for p, d in files])
        outcome = ("ok", len(files))
    except BaseException as exc:  # noqa: BLE001 — every failure goes to the build
        outcome = ("raised", exc, traceback.format_exc())
    finally:
        try:
            os.unlink(batch)
        except OSError:
            pass
    parallel.report(fd, outcome, records)
