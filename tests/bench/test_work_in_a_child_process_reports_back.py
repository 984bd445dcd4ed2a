"""Work a build hands to a child process (the search index of a full build, to
free its memory afterwards) reports back as if it had run in the build: its
result, its warnings (which the build's report lists) and its failures — with
the child's traceback, or how it died."""

from __future__ import annotations

import logging
import os
import signal

import pytest

from kepu.incremental.parallel import in_child

log = logging.getLogger("kepu_search")


def _index(pages: int) -> dict:
    log.warning("page %s has no summary", "zh/gao-xue-ya/x.md")
    return {"pages": pages, "pid": os.getpid()}


def test_result_and_warnings_come_back(caplog):
    with caplog.at_level(logging.WARNING):
        result = in_child(_index, 3)
    assert result["pages"] == 3
    assert result["pid"] != os.getpid()  # it did run elsewhere
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("kepu_search", logging.WARNING, "page zh/gao-xue-ya/x.md has no summary")]


def _fail():
    raise ValueError("zh/gao-xue-ya/x.md: field 'title': empty")


def test_a_failure_is_raised_here_with_the_childs_traceback():
    with pytest.raises(ValueError, match="field 'title': empty") as raised:
        in_child(_fail)
    assert any("_fail" in note for note in raised.value.__notes__)


def _die():
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would


def test_a_child_that_dies_is_a_clear_error():
    with pytest.raises(RuntimeError, match="_die was killed by signal 9"):
        in_child(_die)


def _unpicklable():
    return lambda: None


def test_a_result_that_cannot_come_back_is_a_clear_error():
    with pytest.raises(RuntimeError, match="in the forked process running _unpicklable"):
        in_child(_unpicklable)
