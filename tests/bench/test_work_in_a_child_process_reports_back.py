"""Work a build hands to a child process (the search index of a full build, to
free its memory afterwards) reports back as if it had run in the build: its
result, its warnings (which the build's report lists) and its failures — with
the child's traceback, or how it died."""

from __future__ import annotations

import logging
import os
import signal
import sys
import tempfile
from pathlib import Path

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


# --- a child that answers early and finishes while the build goes on ---------------------

def _answer_then_wait(flag: str) -> str:
    from kepu.incremental.parallel import answer_now

    answer_now("asked: 3 files")
    # Only the parent, having got the answer, can create the flag: so the answer
    # did come back before this function returned.
    while not os.path.exists(flag):
        pass
    log.warning("files written")
    return "done"


def test_an_early_answer_comes_back_before_the_child_is_done(tmp_path, caplog):
    from kepu.incremental import parallel

    flag = tmp_path / "go"
    with caplog.at_level(logging.WARNING):
        assert in_child(_answer_then_wait, str(flag)) == "asked: 3 files"
        assert parallel._finishing  # still working
        flag.touch()
        parallel.finish_children()
    assert not parallel._finishing
    assert "files written" in caplog.text  # its log arrives when it is waited for


def _answer_then_fail():
    from kepu.incremental.parallel import answer_now

    answer_now(["search/t/1.json"])
    raise OSError(28, "No space left on device")


def test_a_failure_after_an_early_answer_is_raised_when_the_child_is_waited_for():
    from kepu.incremental import parallel

    assert in_child(_answer_then_fail) == ["search/t/1.json"]
    with pytest.raises(OSError, match="No space left"):
        parallel.finish_children()
    assert not parallel._finishing


def _answer_then_run_forever():
    from kepu.incremental.parallel import answer_now

    answer_now("ok")
    while True:
        pass


def test_a_child_still_working_when_the_build_fails_is_stopped():
    from kepu.incremental import parallel

    assert in_child(_answer_then_run_forever) == "ok"
    pid = parallel._finishing[0].pid
    parallel.abandon_children()
    assert not parallel._finishing
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more


def _hand_off(files: list) -> str:
    from kepu.incremental.filewriter import hand_off

    hand_off([(Path(p), data) for p, data in files], f"{os.getpid()}")
    return "written here"  # only if hand_off wrote them itself


def test_files_handed_off_are_written_by_a_fresh_small_process(tmp_path):
    from kepu.incremental import parallel

    batches = set(Path(tempfile.gettempdir()).glob("kepu-files-*"))
    files = [(str(tmp_path / "search" / "t" / f"{i}.json"), f"{{\"n\":{i}}}".encode()) for i in range(50)]
    pid = int(in_child(_hand_off, files))
    writer = parallel._finishing[0]
    assert writer.pid == pid  # the child itself became the writer (exec)
    parallel.finish_children()
    for path, data in files:
        assert Path(path).read_bytes() == data
    assert set(Path(tempfile.gettempdir()).glob("kepu-files-*")) == batches  # its batch removed


def test_a_writer_that_cannot_write_fails_with_the_path(tmp_path):
    from kepu.incremental import parallel

    (tmp_path / "search").write_text("a file where a folder should be")
    in_child(_hand_off, [(str(tmp_path / "search" / "t" / "1.json"), b"{}")])
    with pytest.raises(OSError) as raised:
        parallel.finish_children()
    assert str(tmp_path / "search") in str(raised.value)


def test_a_fresh_helper_interpreter_imports_this_processs_kepu(tmp_path, monkeypatch):
    # The word-lookup helper and the search files' writer are fresh interpreters:
    # a kepu package in the folder the build runs from (another checkout) must
    # not be the one they import.
    import subprocess

    import kepu
    from kepu.incremental import parallel

    (tmp_path / "kepu").mkdir()
    (tmp_path / "kepu" / "__init__.py").write_text('raise SystemExit("the wrong kepu")')
    monkeypatch.chdir(tmp_path)
    if "" in sys.path:
        monkeypatch.setattr(sys, "path", [p for p in sys.path if p])
    done = subprocess.run(parallel.interpreter_argv("import kepu; print(kepu.__file__)"),
                          env=parallel.interpreter_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == kepu.__file__


def _answer_log_hand_off(path: str) -> str:
    from kepu.incremental.filewriter import hand_off
    from kepu.incremental.parallel import answer_now

    answer_now("asked")
    log.warning("rendered after answering")
    hand_off([(Path(path), b"{}")], "not sent twice")
    return "written here"


def test_what_is_logged_after_the_answer_reaches_the_build(tmp_path, caplog):
    from kepu.incremental import parallel

    with caplog.at_level(logging.WARNING):
        assert in_child(_answer_log_hand_off, str(tmp_path / "x.json")) == "asked"
        parallel.finish_children()
    assert "rendered after answering" in caplog.text
    assert (tmp_path / "x.json").read_bytes() == b"{}"


def _die_while_reporting():
    # As if killed half-way through writing its result to the pipe.
    from kepu.incremental import parallel

    out, _ = parallel._report
    out.write((1000).to_bytes(8, "little") + b"\x80\x05")
    out.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_child_that_dies_while_reporting_is_a_clear_error():
    with pytest.raises(RuntimeError, match="_die_while_reporting was killed by signal 9"):
        in_child(_die_while_reporting)
