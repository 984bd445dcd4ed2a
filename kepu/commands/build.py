import click

from kepu import paths


@click.command()
@click.option("--content", "content", type=click.Path(file_okay=False, path_type=str),
              default=None, help="content/ folder to read (default: content/).")
@click.option("--output", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder to write (default: output/). Replaced whole, only on success.")
@click.option("--publish", is_flag=True,
              help="Use site/publishconf.py (public SITEURL from KEPU_SITEURL).")
def command(content, output, publish):
    """Build the static site from content/ with Pelican and the kepu theme.

    The site is written to a fresh folder and swapped in whole: if any content
    file is invalid, every problem is listed as `path:line: field: message`,
    the command exits 1 and the previous site stays as it was.

    \b
    Example:
      kepu build
      kepu build --content content --output output
      KEPU_SITEURL=https://kepu.example.org kepu build --publish
    """
    from kepu.build import build_site

    report = build_site(content or paths.content_dir(), output or paths.output_dir(),
                        publish=publish)
    click.echo(report.summary())
