import click


def _sizes(ctx, param, value: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in value.split(",") if part.strip()]
    except ValueError:
        raise click.BadParameter("a comma-separated list of page counts, e.g. 1000,10000") from None
    if not sizes or min(sizes) < 10:
        raise click.BadParameter("each size must be at least 10 pages")
    return sizes


@click.command()
@click.option("--sizes", default="1000,10000", show_default=True, callback=_sizes,
              help="Corpus sizes (pages, zh + en) to measure, comma-separated.")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50),
              help="Runs per measurement; medians are reported.")
@click.option("--seed", default=1, show_default=True, help="Corpus seed (same seed, same corpus).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), default=None,
              help="Write every figure to this JSON file.")
@click.option("--skip-hugo", is_flag=True, help="Measure kepu only.")
@click.option("--skip-search", is_flag=True, help="Do not time the search index on its own.")
@click.option("--export", is_flag=True,
              help="Also time `kepu export` from a temporary SQLite CMS (demo size and 1,000 pages; slow).")
@click.option("--work-dir", type=click.Path(file_okay=False), default=None,
              help="Keep corpora and outputs here (default: a temporary folder, removed after).")
def command(sizes, runs, seed, json_path, skip_hugo, skip_search, export, work_dir):
    """Benchmark kepu builds against Hugo on the same generated corpus.

    For each size: full build time and peak memory (whole process tree) of
    `kepu build` and `hugo` side by side (and of kepu's site, feeds and search
    index alone, the issue's target scope), the rebuild after one page edit,
    `hugo server`'s in-memory rebuild, and the search index time. Every run is
    a fresh process; medians and kepu/Hugo ratios are printed. Not for CI:
    timings depend on the machine and its load.

    \b
    Examples:
      kepu bench
      kepu bench --sizes 1000 --runs 1 --json bench.json
      kepu bench --sizes 10000 --runs 5 --skip-hugo
      kepu bench --sizes 1000 --export
    """
    from pathlib import Path

    from kepu.bench.runner import run_benchmark

    run_benchmark(sizes, runs=runs, seed=seed, hugo=not skip_hugo, search=not skip_search,
                  export=export, work_dir=Path(work_dir) if work_dir else None,
                  json_path=Path(json_path) if json_path else None,
                  say=lambda line: click.echo(line))
    if json_path:
        click.echo(f"\nwrote {json_path}")
