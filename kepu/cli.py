"""The `kepu` command: a thin shell over plain functions.

Each subcommand lives in its own module under kepu/commands/ and is found by
name, so adding a command never means editing this file. Modules import their
heavy dependencies (Django, Pelican, boto3) inside the command, keeping
`kepu --help` instant.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from . import __version__, commands

EPILOG = """\b
Examples:
  kepu demo                 # CMS on :8000, site on :8001, demo logins printed
  kepu export && kepu build # signed content → content/ → output/
  kepu cms createsuperuser  # any Django management command
"""


class LazyGroup(click.Group):
    """Lists commands from kepu/commands/*.py; imports a module only when needed."""

    def list_commands(self, ctx):
        return sorted(m.name.replace("_", "-") for m in pkgutil.iter_modules(commands.__path__)
                      if not m.name.startswith("_"))

    def get_command(self, ctx, name):
        if name not in self.list_commands(ctx):
            return None
        module = importlib.import_module(f"kepu.commands.{name.replace('-', '_')}")
        return module.command


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kepu")
def main():
    """kepu 科普 — reviewed patient education, from CMS to static site."""


if __name__ == "__main__":
    main()
