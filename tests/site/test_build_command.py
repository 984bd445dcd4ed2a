"""`kepu build` on the command line: a summary on success, exit 1 with file:line on bad input."""

from __future__ import annotations

from click.testing import CliRunner

from kepu.cli import main
from tests.contentfactory import default_pages, page, write_content_tree


def test_build_command_writes_the_site(tmp_path):
    content = write_content_tree(tmp_path / "content")
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "built 5 pages" in result.output
    assert (tmp_path / "out" / "zh" / "gao-xue-ya" / "liang-xue-ya" / "index.html").is_file()


def test_build_command_exits_1_naming_the_file(tmp_path):
    broken = page("explainer", "zh", slug="bad", signoff={"expert": "nobody"})
    content = write_content_tree(tmp_path / "content", default_pages() + [broken])
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output",
                                       str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "zh/gao-xue-ya/bad.md:" in result.output and "signoff.expert" in result.output
    assert not (tmp_path / "out").exists()


def test_build_help_has_an_example():
    result = CliRunner().invoke(main, ["build", "--help"])
    assert result.exit_code == 0 and "kepu build --content" in result.output
