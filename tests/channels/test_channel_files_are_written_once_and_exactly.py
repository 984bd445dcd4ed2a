"""The channel plugins' file writer: fast into a fresh staging folder, compare-first elsewhere."""

import os

from kepu.channels.shortlinks import OutputFiles


def test_a_fresh_folder_gets_every_file_with_exact_bytes_in_nested_folders(tmp_path):
    files = OutputFiles(tmp_path, fresh=True)
    files.write("s/c103/index.html", "短链接 <a>")
    files.write("s/c103/douyin/index.html", b"\x00bytes")
    files.write("api/pages/1.json", '{"a":1}\n')
    files.write("api/pages/1.json", '{"a":2}\n')  # written twice in one build: the last one wins
    assert (tmp_path / "s/c103/index.html").read_text(encoding="utf-8") == "短链接 <a>"
    assert (tmp_path / "s/c103/douyin/index.html").read_bytes() == b"\x00bytes"
    assert (tmp_path / "api/pages/1.json").read_text(encoding="utf-8") == '{"a":2}\n'


def test_a_folder_holding_a_site_keeps_unchanged_files_untouched(tmp_path):
    target = tmp_path / "feeds/zh/all.json"
    target.parent.mkdir(parents=True)
    target.write_text("same\n", encoding="utf-8")
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    files = OutputFiles(tmp_path)
    assert files.write("feeds/zh/all.json", "same\n") is False
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert files.write("feeds/zh/all.json", "changed\n") is True
    assert target.read_text(encoding="utf-8") == "changed\n"


def test_write_if_changed_makes_missing_folders_and_reports_what_it_did(tmp_path):
    from kepu.channels.shortlinks import write_if_changed

    target = tmp_path / "qr/channel/a.svg"
    assert write_if_changed(target, "<svg/>") is True
    assert write_if_changed(target, "<svg/>") is False
    assert target.read_text(encoding="utf-8") == "<svg/>"
