"""`kepu search` index / query from the command line."""

from __future__ import annotations

from click.testing import CliRunner

from kepu.commands.search import command


def test_index_then_query(sample_content, tmp_path):
    runner = CliRunner()
    result = runner.invoke(command, ["index", "--content", str(sample_content),
                                     "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "40 added" in result.output
    result = runner.invoke(command, ["query", "血压高", "--lang", "zh",
                                     "--index-dir", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert "/zh/gao-xue-ya/" in result.output.splitlines()[1]


def test_query_without_an_index_is_a_user_error(tmp_path):
    result = CliRunner().invoke(command, ["query", "x", "--index-dir", str(tmp_path / "none")])
    assert result.exit_code == 1 and "kepu search index" in result.output


def test_every_subcommand_has_help_with_an_example():
    for name in ("index", "serve", "query"):
        result = CliRunner().invoke(command, [name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
