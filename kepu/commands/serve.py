import click

from kepu import paths


@click.command()
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--output", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Folder to serve (default: output/).")
def command(port, host, output):
    """Preview the built static site over HTTP (no server-side logic, like the real host).

    \b
    Example:
      kepu build && kepu serve --port 8001
    """
    from kepu.preview import serve_forever

    serve_forever(output or paths.output_dir(), host, port)
