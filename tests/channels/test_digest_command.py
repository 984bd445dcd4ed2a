"""`kepu digest`: text ready to paste, and clear errors naming the option on bad input."""

from click.testing import CliRunner

from kepu.commands.digest import command
from kepu.contentformat.writer import dump_yaml
from tests.contentfactory import CHANNELS, write_content_tree

from .sample import write_sample


def run(*args):
    return CliRunner().invoke(command, list(args))


def test_prints_titles_summaries_and_channel_short_links(tmp_path):
    content = write_sample(tmp_path / "content")
    result = run("--channel", "wechat-tnb-beijing", "--content", str(content), "--date", "2026-03-01",
                 "--count", "2", "--no-repeat-days", "1", "--site-url", "https://kepu.example.org/")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("【北京糖友群】今日科普 · 2026-03-01\n1. ")
    assert "https://kepu.example.org/s/t201/wechat-tnb-beijing/" in result.stdout
    assert "https://kepu.example.org/s/t202/wechat-tnb-beijing/" in result.stdout


def test_same_date_same_output(tmp_path):
    content = write_sample(tmp_path / "content")
    args = ("--channel", "douyin-xinzang", "--content", str(content), "--date", "2026-04-02")
    assert run(*args).stdout == run(*args).stdout


def test_html_fragment(tmp_path):
    content = write_sample(tmp_path / "content")
    result = run("--channel", "wechat-tnb-beijing", "--content", str(content), "--date", "2026-03-01",
                 "--html", "--no-repeat-days", "0")
    assert result.stdout.startswith('<section class="digest" data-date="2026-03-01">')


def test_unknown_channel_is_named_with_the_known_ones(tmp_path):
    content = write_sample(tmp_path / "content")
    result = run("--channel", "nope", "--content", str(content))
    assert result.exit_code == 1
    assert "--channel: no channel 'nope'" in result.output
    assert "douyin-xinzang, wechat-tnb-beijing" in result.output


def test_channel_without_topics_is_a_user_error(tmp_path):
    content = write_content_tree(tmp_path / "content")
    (content / "channels/empty.yaml").write_text(dump_yaml(
        {**CHANNELS["douyin-xinzang"], "slug": "empty", "topics": []}), encoding="utf-8")
    result = run("--channel", "empty", "--content", str(content))
    assert result.exit_code == 1
    assert "--channel: channel 'empty' has no topics" in result.output


def test_wrong_date_format_names_the_option_and_the_form(tmp_path):
    content = write_sample(tmp_path / "content")
    for bad in ("2026/03/01", "01-03-2026", "2026-02-30", "tomorrow"):
        result = run("--channel", "douyin-xinzang", "--content", str(content), "--date", bad)
        assert result.exit_code == 1, bad
        assert f"--date: '{bad}' is not a date in YYYY-MM-DD form" in result.output


def test_invalid_content_is_reported_by_file_and_line(tmp_path):
    content = write_sample(tmp_path / "content")
    (content / "channels/broken.yaml").write_text("format: 1\nslug: broken\n", encoding="utf-8")
    result = run("--channel", "douyin-xinzang", "--content", str(content))
    assert result.exit_code == 1
    assert "channels/broken.yaml:" in result.output


def test_count_out_of_range_is_refused(tmp_path):
    for args, message in ((("--count", "0"), "--count: 0 is out of range"),
                          (("--no-repeat-days", "-1"), "--no-repeat-days: -1 is out of range")):
        result = run("--channel", "douyin-xinzang", "--content", str(tmp_path), *args)
        assert result.exit_code == 1
        assert message in result.output
