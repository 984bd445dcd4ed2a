"""Progress: a redrawn bar on a terminal, one plain line per file when piped or under CI."""

import io

from click.testing import CliRunner

from kepu.cli import main
from kepu.deploy.progress import Bar, Lines, for_terminal


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_piped_output_gets_plain_lines(proxy, bucket, site):
    result = CliRunner().invoke(main, ["deploy", "--output", str(site), "--bucket", bucket,
                                       "--endpoint-url", proxy.url, "--addressing-style", "path"])

    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert "assets (css, js, images, media): 4 files, 1.3 kB" in lines
    assert any(line.startswith("  zh/高血压.html (") and line.endswith("/6]") for line in lines)
    assert "\r" not in result.stderr
    assert "uploaded 16" in result.stdout and "deleted 0" in result.stdout


def test_a_terminal_gets_a_bar_but_ci_gets_lines(monkeypatch):
    assert isinstance(for_terminal(Terminal()), Bar)
    assert isinstance(for_terminal(io.StringIO()), Lines)
    monkeypatch.setenv("CI", "true")
    assert isinstance(for_terminal(Terminal()), Lines)


def test_the_bar_shows_counts_bytes_and_failures():
    screen = Terminal()
    bar = Bar(screen)
    bar.stage("pages", 2, 3000)
    bar.done("zh/a.html", 1000)
    bar.done("zh/b.html", 0, "503 SlowDown")
    bar.close()

    text = screen.getvalue()
    assert "\r" in text and "2/2 files" in text and "1.0 kB/3.0 kB" in text
    assert "FAILED zh/b.html: 503 SlowDown" in text and "1 failed" in text
