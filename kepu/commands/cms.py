import click


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True,
                                 "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args):
    """Run a Django management command of the CMS (pass-through to manage.py).

    \b
    Examples:
      kepu cms migrate
      kepu cms createsuperuser
      kepu cms runserver 127.0.0.1:8000
      kepu cms help            # list every management command
    """
    import os

    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if not args or args[0] in ("-h", "--help"):
        click.echo(click.get_current_context().get_help())
        if not args:
            return
    execute_from_command_line(["kepu cms", *args])
