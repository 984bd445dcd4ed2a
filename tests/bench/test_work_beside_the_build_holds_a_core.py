"""A child that says it works alone (the search index after its writers are
done: scoring and the zero-server files, on one core) lets the build go on to
the pages beside it. Until the child answers it holds a core, so the build's
workers leave it one; when it answers, the build uses every core again. Its
answer, warnings and failures still reach the build, at finish_children."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest

from kepu.incremental import parallel

log = logging.getLogger("kepu_search")


@pytest.fixture(autouse=True)
def _no_children_left():
    yield
    parallel.abandon_children()


def _wait_for(path: Path, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.005)


def _alone_until(flag: str, answer) -> object:
    parallel.alone()
    log.warning("scored 3 pages")
    _wait_for(Path(flag))
    return answer


def test_the_caller_goes_on_and_gets_the_answer_at_finish(tmp_path, caplog):
    got = []
    flag = tmp_path / "go"
    with caplog.at_level(logging.WARNING):
        assert parallel.in_child(_alone_until, str(flag), ["search/a.json"], later=got.append) is None
        assert got == []  # the child is still working: the caller went on without waiting
        flag.touch()
        parallel.finish_children()
    assert got == [["search/a.json"]]
    assert "scored 3 pages" in caplog.text
    assert not parallel._background and not parallel._finishing


def _answer_at_once() -> str:
    parallel.alone()  # nothing: the caller did not offer to go on
    return "whole"


def test_without_later_the_caller_waits_as_before():
    assert parallel.in_child(_answer_at_once) == "whole"
    assert not parallel._background


def test_a_child_that_never_says_alone_answers_at_once():
    got = []
    assert parallel.in_child(str.upper, "done", later=got.append) is None
    assert got == ["DONE"]
    assert not parallel._background


def _pid_after(item):
    time.sleep(0.01)
    return os.getpid()


def test_the_build_leaves_a_busy_child_its_core(tmp_path):
    flag = tmp_path / "go"
    parallel.in_child(_alone_until, str(flag), "answer", later=lambda _: None)
    pids = parallel.fork_map(_pid_after, range(40), workers=2)
    assert len(set(pids)) == 1  # one worker: the other core is the child's
    flag.touch()
    parallel.finish_children()
    pids = parallel.fork_map(_pid_after, range(40), workers=2)
    assert len(set(pids)) == 2  # answered: both cores again


def _open_flag_then_pid(args):
    i, flag = args
    if i == 5:
        Path(flag).touch()  # the child answers now
    time.sleep(0.02)
    return os.getpid()


def test_a_second_worker_starts_when_the_child_answers(tmp_path):
    flag = tmp_path / "go"
    parallel.in_child(_alone_until, str(flag), "answer", later=lambda _: None)
    pids = parallel.fork_map(_open_flag_then_pid, [(i, str(flag)) for i in range(200)],
                             workers=2, chunk=2)
    first = pids[0]
    assert set(pids[:5]) == {first}
    assert len(set(pids)) == 2  # the waiting worker joined once the core was free
    parallel.finish_children()


def _alone_then_big_answer(marker: str) -> str:
    parallel.alone()
    parallel.answer_now("x" * (3 << 20))  # more than a pipe holds
    Path(marker).touch()  # only once the whole answer was read
    return "files written"


def _wait_for_marker(marker):
    _wait_for(Path(marker))
    return True


def test_a_big_answer_is_read_while_the_build_works(tmp_path):
    # The child goes on to write its files after answering; were its answer
    # left in the pipe until the end of the build, that would wait for the end too.
    marker = str(tmp_path / "answered")
    got = []
    parallel.in_child(_alone_then_big_answer, marker, later=got.append)
    assert all(parallel.fork_map(_wait_for_marker, [marker] * 4, workers=2))
    parallel.finish_children()
    assert got == ["x" * (3 << 20)]


def _alone_then_fail():
    parallel.alone()
    raise ValueError("zh/gao-xue-ya/x.md: field 'title': empty")


def test_a_failure_after_alone_is_raised_at_finish():
    got = []
    parallel.in_child(_alone_then_fail, later=got.append)
    with pytest.raises(ValueError, match="field 'title': empty"):
        parallel.finish_children()
    assert got == []
    assert not parallel._background


def _alone_then_die():
    parallel.alone()
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_that_dies_after_alone_is_a_clear_error():
    parallel.in_child(_alone_then_die, later=lambda _: None)
    with pytest.raises(RuntimeError, match="_alone_then_die was killed by signal 9"):
        parallel.finish_children()


def _alone_forever():
    parallel.alone()
    while True:
        time.sleep(0.01)


def test_a_child_working_beside_a_failed_build_is_stopped():
    parallel.in_child(_alone_forever, later=lambda _: None)
    pid = parallel._background[0].pid
    parallel.abandon_children()
    assert not parallel._background
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped
    # and its core is the build's again
    assert len(set(parallel.fork_map(_pid_after, range(40), workers=2))) == 2
