import click

from kepu.errors import UserInputError


@click.command()
@click.argument("content_dir", required=False, type=click.Path(file_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text: one `path:line: RULE-ID severity: message` per line.")
@click.option("--brands", "brands_file", type=click.Path(dir_okay=False, path_type=str),
              default=None, envvar="KEPU_BRANDS_FILE",
              help="Brand/product list, one per line (default: $KEPU_BRANDS_FILE, else the "
                   "example list shipped in kepu/compliance/data/brands.txt).")
@click.option("--quiet", "-q", is_flag=True, help="Print blocking findings only.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Also check the share cards (og:image) of a built site folder, e.g. output/.")
def command(content_dir, fmt, brands_file, quiet, site_dir):
    """Compliance and format checks over content/ files.

    Runs every rule of docs/compliance.md (Advertising Law terms, brand names,
    shopping links, patient identifiers in case stories, alt text, references,
    graphic images, reading level) and validates the files with the content
    format reader. Exit status 1 if anything blocks, 0 if only warnings.

    \b
    Examples:
      kepu check                       # content/ of this project
      kepu check path/to/content --format json
      kepu check --brands brands.txt -q
      kepu check --site output/        # plus share cards of the built site
    """
    import json
    from pathlib import Path

    from kepu import paths
    from kepu.compliance import RULES, Finding, blocking, load_brands
    from kepu.compliance.contentfiles import check_content_dir
    from kepu.compliance.termlists import DEFAULT_BRANDS_FILE
    from kepu.contentformat import ContentErrors, load_content_tree

    root = Path(content_dir) if content_dir else paths.content_dir()
    if not root.is_dir():
        raise UserInputError(f"{root}: no such content folder")
    try:
        brands = load_brands(brands_file or DEFAULT_BRANDS_FILE)
    except OSError as exc:
        raise UserInputError(f"{brands_file}: cannot read the brand list ({exc.strerror})") from None

    findings, files = check_content_dir(root, brands=brands)
    try:
        load_content_tree(root)
    except ContentErrors as exc:
        findings += [Finding("CONTENT-FORMAT", "block", e.message, e.field,
                             location=f"{e.path}:{e.line}") for e in exc.errors]
    if site_dir:
        findings += _share_card_findings(Path(site_dir))
    findings.sort(key=_sort_key)
    shown = blocking(findings) if quiet else findings
    blocked = len(blocking(findings))

    if fmt == "json":
        click.echo(json.dumps({
            "content_dir": str(root), "files": files,
            "summary": {"block": blocked, "warn": len(findings) - blocked},
            "findings": [_as_json(f) for f in shown],
            "rules": {r.id: {"severity": r.severity, "title": r.title, "basis": r.basis}
                      for r in RULES.values()},
        }, ensure_ascii=False, indent=2))
    else:
        for f in shown:
            click.echo(f"{f.location}: {f.rule} {f.severity}: {_where(f)}{f.message}")
        click.echo(f"{files} page files: {blocked} blocking, {len(findings) - blocked} warnings",
                   err=True)
    if blocked:
        raise SystemExit(1)


def _share_card_findings(site_dir):
    from kepu.channels.sharecard_check import RULE, check_share_cards
    from kepu.compliance import Finding

    if not (site_dir / "index.html").is_file():
        raise UserInputError(f"{site_dir}: not a built site (no index.html) — run `kepu build` first")
    return [Finding(RULE, "block" if p.severity == "error" else "warn", p.message, "og:image",
                    location=f"{site_dir / p.path}:1")
            for p in check_share_cards(site_dir)]


def _sort_key(finding):
    path, _, line = (finding.location or "").rpartition(":")
    return (path, int(line) if line.isdigit() else 0, finding.rule)


def _where(finding) -> str:
    # The field path tells an editor which box in the CMS to open.
    return f"{finding.field}: " if finding.field else ""


def _as_json(finding) -> dict:
    data = finding.to_dict()
    path, _, line = (finding.location or "").rpartition(":")
    data.update(path=path, line=int(line) if line.isdigit() else None)
    return data
