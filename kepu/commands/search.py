"""`kepu search`: build the search index, serve it, query it from the shell."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kepu.errors import EnvironmentProblem, UserInputError

INDEX_OPTION = click.option(
    "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Index folder (default: $KEPU_SEARCH_INDEX_DIR or var/search-index).")


def _index_dir(value: Path | None) -> Path:
    from kepu.search import default_index_dir

    return value or default_index_dir()


@click.group()
def command():
    """Search: a Whoosh + jieba index of every published page, and its HTTP API.

    \b
    Examples:
      kepu search index                       # incremental: only changed pages
      kepu search index --full                # rebuild from nothing
      kepu search query "血压高" --lang zh
      kepu search serve --port 8002 --workers 2 --cors-origin https://kepu.example.org
    """


@command.command("index")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="content/ folder to index (default: $KEPU_CONTENT_DIR or content/).")
@INDEX_OPTION
@click.option("--full", is_flag=True, help="Rebuild the whole index instead of updating it.")
@click.option("--procs", type=int, default=None, help="Processes for a large build (default: 2).")
def index_command(content, index_dir, full, procs):
    """Index the published pages of content/ (incremental unless --full).

    \b
    Example:
      kepu search index --content content/ --index-dir var/search-index
    """
    from kepu import paths
    from kepu.contentformat import ContentErrors
    from kepu.search.indexer import index_content_tree

    content = content or paths.content_dir()
    try:
        stats = index_content_tree(content, _index_dir(index_dir), full=full, procs=procs)
    except ContentErrors as exc:
        raise UserInputError(str(exc)) from None
    click.echo(f"search index {_index_dir(index_dir)}: {stats}")


@command.command("serve")
@INDEX_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8002, show_default=True, help="Port (0: any free port).")
@click.option("--workers", default=1, show_default=True,
              help="Worker processes sharing the socket and the read-only index.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="Site origin allowed to call the API (repeatable; default: "
                   "$KEPU_SEARCH_CORS_ORIGINS, comma-separated).")
def serve_command(index_dir, host, port, workers, cors_origins):
    """Serve GET /search?q=&lang=&type=&disease=&page= and GET /health as JSON.

    \b
    Example:
      kepu search serve --port 8002 --workers 2 --cors-origin http://127.0.0.1:8001
      curl 'http://127.0.0.1:8002/search?q=血压高&lang=zh'
    """
    from kepu.search.server import serve

    origins = list(cors_origins) or [o.strip() for o in os.environ.get(
        "KEPU_SEARCH_CORS_ORIGINS", "").split(",") if o.strip()]
    if workers < 1:
        raise UserInputError("--workers must be at least 1")
    try:
        serve(_index_dir(index_dir), host, port, workers, origins, announce=click.echo)
    except FileNotFoundError as exc:
        raise UserInputError(str(exc)) from None
    except OSError as exc:
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror}") from None


@command.command("query")
@click.argument("text")
@INDEX_OPTION
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None)
@click.option("--type", "type_", type=click.Choice(["disease", "explainer", "case_story"]),
              default=None)
@click.option("--disease", default=None, help="Disease slug, e.g. gao-xue-ya.")
@click.option("--page", default=1, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON instead of lines.")
def query_command(text, index_dir, lang, type_, disease, page, as_json):
    """Search the index from the command line.

    \b
    Example:
      kepu search query "sugar in urine" --lang en
    """
    import json
    import re

    from kepu.search.query import QueryError, SearchIndex

    try:
        index = SearchIndex(_index_dir(index_dir))
        result = index.search(text, lang=lang, type=type_, disease=disease, page=page)
    except FileNotFoundError as exc:
        raise UserInputError(str(exc)) from None
    except QueryError as exc:
        raise UserInputError(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    if result["corrected_from"]:
        click.echo(f"showing results for {result['query']!r} "
                   f"(no results for {result['corrected_from']!r})")
    elif result["suggestion"]:
        click.echo(f"did you mean: {result['suggestion']}")
    click.echo(f"{result['total']} results (page {result['page']} of {max(1, result['pages'])})")
    for hit in result["results"]:
        snippet = re.sub(r"</?mark>", "*", hit["snippet_html"] or hit["summary_html"])
        click.echo(f"  {hit['url']}  {hit['title']}  [{hit['type']}, {hit['lang']}]")
        click.echo(f"      {snippet}")
