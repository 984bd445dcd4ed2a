import click

from kepu import paths


@click.command()
@click.option("--target", "-t", "target_name", metavar="NAME",
              help="Named target from kepu-deploy.toml (default: its default_target).")
@click.option("--output", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Built site folder to deploy (default: output/).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="Deploy configuration file (default: kepu-deploy.toml at the project root).")
@click.option("--bucket", help="Bucket name (overrides the target's).")
@click.option("--prefix", help="Key prefix inside the bucket, e.g. 'site/'.")
@click.option("--endpoint-url", help="S3-compatible endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com.")
@click.option("--region", help="Region for request signing (default: AWS config, else us-east-1).")
@click.option("--addressing-style", type=click.Choice(["auto", "path", "virtual"]),
              help="Bucket in the host name (virtual) or in the path (path; MinIO).")
@click.option("--profile", help="AWS profile for credentials (default: the standard AWS chain).")
@click.option("--workers", type=click.IntRange(min=1), help="Parallel uploads (default 8).")
@click.option("--max-deletes", type=click.IntRange(min=-1),
              help="Refuse a deploy that would delete more objects than this (default 256; -1: no limit).")
@click.option("--gzip/--no-gzip", default=None,
              help="Store text files gzip-compressed with Content-Encoding: gzip.")
@click.option("--cloudfront-distribution-id", metavar="ID", help="Purge these changed paths on CloudFront.")
@click.option("--no-invalidate", is_flag=True, help="Skip the CDN purge.")
@click.option("--force", is_flag=True,
              help="Upload every file, e.g. after changing cache rules (metadata is not compared).")
@click.option("--dry-run", is_flag=True, help="Print the plan (uploads, deletes, bytes); change nothing.")
def command(target_name, output, config, bucket, prefix, endpoint_url, region, addressing_style,
            profile, workers, max_deletes, gzip, cloudfront_distribution_id, no_invalidate, force,
            dry_run):
    """Publish the built site to an S3-compatible bucket, uploading only what changed.

    Order: assets, pages, feeds/sitemap/search, short-link redirects, then deletes
    (only if every upload succeeded). Credentials come from the standard AWS chain
    (AWS_ACCESS_KEY_ID…, AWS_PROFILE, ~/.aws). Exit 1: bad input (unknown target,
    missing bucket, empty build, too many deletes); 2: credentials, network or a
    failed upload. See docs/deploy.md.

    \b
    Examples:
      kepu deploy --dry-run                         # plan for the default target
      kepu deploy -t production                     # named target in kepu-deploy.toml
      kepu deploy --bucket site --endpoint-url http://127.0.0.1:9000 \\
                  --addressing-style path           # MinIO
    """
    from kepu.deploy import deploy_site, load_target
    from kepu.errors import EnvironmentProblem

    overrides = {"bucket": bucket, "prefix": prefix, "endpoint_url": endpoint_url,
                 "region": region, "addressing_style": addressing_style, "profile": profile,
                 "workers": workers, "max_deletes": max_deletes, "gzip": gzip}
    if cloudfront_distribution_id:
        overrides["cdn"] = {"kind": "cloudfront", "distribution_id": cloudfront_distribution_id}
    target = load_target(target_name, config, **overrides)
    report = deploy_site(output or paths.output_dir(), target, dry_run=dry_run, force=force,
                         invalidate=not no_invalidate)
    if dry_run:
        for line in report.plan.lines():
            click.echo(line)
        click.echo(report.summary())
        report.plan.check_deletes(target.max_deletes)
        return
    click.echo(report.summary())
    if not report.ok:
        raise EnvironmentProblem(report.failure_message())
