"""Every `kepu` command has help with an example and is documented in the README."""

from pathlib import Path

from click.testing import CliRunner

from kepu.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_top_level_help_lists_commands_and_examples():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    for name in main.list_commands(None):
        assert name in result.output


def test_every_command_has_help_with_an_example_and_a_readme_entry():
    names = main.list_commands(None)
    assert {"demo", "cms", "export", "build", "serve"} <= set(names)
    for name in names:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output, f"`kepu {name} --help` shows no example"
        assert f"`kepu {name}" in README, f"`kepu {name}` is not documented in README.md"
