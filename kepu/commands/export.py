import click

from kepu import paths


def _echo_report(report) -> None:
    for line in report.lines():
        click.echo(line)


@click.command()
@click.option("--content", type=click.Path(file_okay=False, path_type=str), default=None,
              help="content/ folder to write (default: content/). Replaced whole, only on success.")
@click.option("--from-api", "api_url", metavar="URL", default=None,
              help="Export from a remote CMS's API (e.g. https://cms.example.org/api/kepu/) "
                   "instead of the local database.")
@click.option("--token", envvar="KEPU_API_TOKEN", default=None,
              help="API token for --from-api (or set KEPU_API_TOKEN).")
def command(content, api_url, token):
    """Export signed-off pages from the CMS to content/ (Markdown + YAML + media).

    Only the revision an expert signed off is written, after re-checking its
    sign-off hash. Unchanged files keep their bytes and modification times;
    withdrawn and unpublished pages are removed and listed in withdrawn.yaml.
    Prints how many files were written, left unchanged and removed, and every
    page whose review date has passed (KEPU_EXPIRY_POLICY: notice or withdraw).
    Exit 1: the CMS holds something that must not be published (e.g. a
    sign-off hash mismatch) — content/ is left as it was; 2: database or API
    unreachable, or the token was refused.

    \b
    Examples:
      kepu export                                   # from the local database
      kepu export --content /srv/kepu/content
      kepu export --from-api https://cms.example.org/api/kepu/ --token "$KEPU_API_TOKEN"
    """
    from kepu.errors import EnvironmentProblem, UserInputError

    dest = content or paths.content_dir()
    if api_url:
        from cms.exporting.export import ExportRefused
        from cms.exporting.remote import RemoteExportError, export_from_api

        if not token:
            raise UserInputError("--from-api needs --token (or KEPU_API_TOKEN)")
        try:
            report = export_from_api(dest, api_url, token)
        except ExportRefused as exc:
            raise UserInputError(str(exc)) from None
        except RemoteExportError as exc:
            raise EnvironmentProblem(str(exc)) from None
        _echo_report(report)
        return

    from kepu.djangoenv import setup_django

    setup_django()
    from django.db import DatabaseError

    from cms.exporting.export import ExportRefused, export_content

    try:
        report = export_content(dest)
    except ExportRefused as exc:
        raise UserInputError(str(exc)) from None
    except DatabaseError as exc:
        raise EnvironmentProblem(f"cannot read the CMS database: {exc} "
                                 "(is it migrated? `kepu cms migrate`)") from None
    _echo_report(report)
