import click


@click.command()
@click.option("--cms-port", default=8000, show_default=True, help="Port of the CMS admin.")
@click.option("--site-port", default=8001, show_default=True, help="Port of the static site.")
@click.option("--search-port", default=8002, show_default=True, help="Port of the search API.")
@click.option("--prepare-only", is_flag=True, help="Load, export and build, then exit (no servers).")
def command(cms_port, site_port, search_port, prepare_only):
    """Run the demo: CMS, static site and search on the demo corpus.

    Migrates SQLite, loads the demo corpus through the real review workflow,
    exports it to content/, builds output/, then serves the CMS admin and the
    site and prints the demo logins. Ctrl-C stops everything.

    \b
    Examples:
      kepu demo
      kepu demo --site-port 9001
      kepu demo --prepare-only
    """
    from kepu import demo

    if prepare_only:
        demo.prepare()
    else:
        demo.run(cms_port, site_port, search_port)
