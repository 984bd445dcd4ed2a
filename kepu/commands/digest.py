"""`kepu digest`: a channel's reading list for a WeChat group assistant."""

from __future__ import annotations

import datetime as dt
import os
import re

import click

from kepu import paths
from kepu.errors import UserInputError

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DEFAULT_SITEURL = "http://127.0.0.1:8001"


def parse_date(value: str | None) -> dt.date:
    if value is None:
        return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()
    try:
        if not DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"--date: {value!r} is not a date in YYYY-MM-DD form "
                             f"(for example --date 2026-03-01)") from None


def build_digest(content_dir, channel_slug: str, date: dt.date, count: int, site_url: str,
                 no_repeat_days: int | None = None):
    """Load content/ and make the digest; every bad input is a UserInputError."""
    from kepu.channels.channel_match import ChannelProblem
    from kepu.channels.digest import digest
    from kepu.channels.entries import entries_from_tree
    from kepu.channels.shortlinks import short_path
    from kepu.contentformat import ContentErrors, load_content_tree

    try:
        tree = load_content_tree(content_dir)
    except ContentErrors as exc:
        lines = "\n".join(f"  {error}" for error in exc.errors)
        raise UserInputError(f"--content: {content_dir} is not valid content:\n{lines}") from None
    channel = tree.channels.get(channel_slug)
    if channel is None:
        known = ", ".join(sorted(tree.channels)) or "none"
        raise UserInputError(f"--channel: no channel {channel_slug!r} in {content_dir}/channels/ "
                             f"(known: {known})")
    channel = {"slug": channel_slug, **channel}
    base = site_url.rstrip("/")
    try:
        return digest(channel, date, count, entries_from_tree(tree), no_repeat_days=no_repeat_days,
                      link_for=lambda e, ch: base + short_path(e.shortcode, ch["slug"]))
    except ChannelProblem as exc:
        raise UserInputError(f"--channel: {exc}") from None


@click.command()
@click.option("--channel", "channel", required=True, metavar="SLUG",
              help="Channel slug (a file content/channels/<SLUG>.yaml).")
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="Day of the digest (default: today, Beijing time).")
@click.option("--count", type=int, default=3, show_default=True,
              help="Items to post (fewer when the no-repeat window needs it).")
@click.option("--content", "content", type=click.Path(file_okay=False, path_type=str), default=None,
              help="content/ folder to read (default: content/).")
@click.option("--site-url", "site_url", default=None, metavar="URL",
              help=f"Public site URL for the short links (default: $KEPU_SITEURL or {DEFAULT_SITEURL}).")
@click.option("--no-repeat-days", type=int, default=None,
              help="Never repeat an item within this many days (default: $KEPU_DIGEST_NO_REPEAT_DAYS or 14).")
@click.option("--html", "as_html", is_flag=True, help="Print the HTML fragment instead of text.")
def command(channel, date, count, content, site_url, no_repeat_days, as_html):
    """Print a channel's reading list for a community assistant to paste.

    Deterministic for a date, rotates through the channel's topics, never
    repeats an item to the channel within the no-repeat window, and skips
    pages past their review date. Each item: title, one-line summary and the
    channel's short link (which adds the channel's campaign tags).

    \b
    Example:
      kepu digest --channel wechat-tnb-beijing
      kepu digest --channel douyin-xinzang --date 2026-03-01 --count 5
      kepu digest --channel wechat-tnb-beijing --site-url https://kepu.example.org --html
    """
    # Range checks here rather than click.IntRange: a wrong value is the user's input (exit 1).
    if not 1 <= count <= 20:
        raise UserInputError(f"--count: {count} is out of range (1 to 20 items)")
    if no_repeat_days is not None and not 0 <= no_repeat_days <= 366:
        raise UserInputError(f"--no-repeat-days: {no_repeat_days} is out of range (0 to 366 days)")
    day = parse_date(date)
    url = site_url or os.environ.get("KEPU_SITEURL") or DEFAULT_SITEURL
    result = build_digest(content or paths.content_dir(), channel, day, count, url, no_repeat_days)
    if result.pool < count * max(result.no_repeat_days, 1):
        # On stderr, so the text piped into the group stays clean.
        click.echo(f"note: {result.pool} page(s) match channel {channel!r}; to avoid repeats "
                   f"within {result.no_repeat_days} days it posts fewer than {count} a day.", err=True)
    click.echo(result.html() if as_html else result.text(), nl=False)
