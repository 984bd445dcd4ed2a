import click

from kepu import paths


@click.command()
@click.option("--content", type=click.Path(file_okay=False, path_type=str), default=None,
              help="content/ folder (default: content/).")
@click.option("--output", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Built site folder (default: output/). Replaced whole, only on success.")
@click.option("--target", "-t", "target_name", metavar="NAME", default=None,
              help="Deploy to this target of kepu-deploy.toml after building (default: no deploy).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Deploy configuration file (default: kepu-deploy.toml).")
@click.option("--publishconf", is_flag=True,
              help="Build with site/publishconf.py (public SITEURL from KEPU_SITEURL).")
@click.option("--from-api", "api_url", metavar="URL", default=None,
              help="Export from a remote CMS's API instead of the local database.")
@click.option("--token", envvar="KEPU_API_TOKEN", default=None, help="API token for --from-api.")
def command(content, output, target_name, config, publishconf, api_url, token):
    """Export, build and (with --target) deploy: what a sign-off does, by hand.

    Each step keeps the live site safe on its own: export refuses to write
    unsigned or mismatched text, the build swaps its output in only on
    success, and the deploy uploads before it deletes. Prints the export
    counts, what expired, the build summary and timings.

    \b
    Examples:
      kepu publish                                  # export → build into output/
      kepu publish --target production --publishconf
      kepu publish --from-api https://cms.example.org/api/kepu/ --token "$KEPU_API_TOKEN"
    """
    from kepu.errors import EnvironmentProblem, UserInputError

    exporter = None
    if api_url:
        if not token:
            raise UserInputError("--from-api needs --token (or KEPU_API_TOKEN)")
        from cms.exporting.remote import export_from_api

        def exporter(dest):
            return export_from_api(dest, api_url, token)
    else:
        from kepu.djangoenv import setup_django

        setup_django()
    target = None
    if target_name or config:
        from kepu.deploy import load_target

        target = load_target(target_name, config)
    from cms.exporting.publishing import PublishFailed, publish

    try:
        outcome = publish(content or paths.content_dir(), output or paths.output_dir(),
                          target=target, publishconf=publishconf, say=click.echo,
                          exporter=exporter)
    except PublishFailed as exc:
        message = str(exc)
        if message.startswith(("export: export refused", "build failed")):
            raise UserInputError(message) from None
        raise EnvironmentProblem(message) from None
    click.echo("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in outcome.timings.items()))
