"""`deploy_site`: the whole deploy as one plain function, for `kepu deploy` and `kepu publish`.

Order of events, each a guard for the live site (DESIGN.md, integrity rule 6):
check the local build → check credentials and the bucket → plan → refuse
too many deletes → upload assets, pages, indexes, redirects → delete, only if
every upload succeeded → purge the CDN of exactly what changed.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import bucket, sitefolder
from . import progress as progress_mod
from .cdn import cdn_for, paths_for
from .plan import make_plan
from .report import DeployReport
from .stages import DELETES
from .target import Target
from .uploader import upload_in_stages


def deploy_site(output_dir: Path | str, target: Target, *, dry_run: bool = False,
                force: bool = False, max_deletes: int | None = None, workers: int | None = None,
                invalidate: bool = True, progress: progress_mod.Progress | None = None,
                ) -> DeployReport:
    """Make the bucket hold exactly the built site in `output_dir`, changing only what differs.

    Raises kepu.errors.UserInputError (bad folder, target, bucket, too many
    deletes) or EnvironmentProblem (credentials, endpoint) before the bucket is
    touched. Upload, delete and CDN failures do not raise: they are in the
    returned report (`report.ok`, `report.failure_message()`).
    """
    started = time.monotonic()
    workers = workers or target.workers
    max_deletes = target.max_deletes if max_deletes is None else max_deletes
    progress = progress or progress_mod.for_terminal()

    root = sitefolder.check_site_folder(Path(output_dir))
    cdn = cdn_for(target) if invalidate else None  # a bad CDN config fails before any upload
    counter = bucket.RequestCounter()
    client = bucket.s3_client(target, counter)
    # The listing waits on the network, the scan on the disk and MD5: overlap them.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kepu-list") as pool:
        listing = pool.submit(bucket.list_stored, client, target)
        files = sitefolder.scan(root, target)
        stored = listing.result()
    plan = make_plan(files, stored, target, force=force, workers=workers,
                     stored_md5=lambda key: bucket.stored_md5(client, target, key))
    report = DeployReport(target=target.url, plan=plan, dry_run=dry_run)
    if dry_run:
        report.requests, report.seconds = counter.total, time.monotonic() - started
        return report
    plan.check_deletes(max_deletes)

    try:
        outcome = upload_in_stages(client, target, plan, progress, workers)
        report.uploaded = [u.file.key for u in outcome.uploaded]
        report.uploaded_bytes = sum(u.file.size for u in outcome.uploaded)
        report.failed.update(outcome.failed)
        report.skipped = outcome.skipped
        if not outcome.failed and plan.deletes:
            progress.stage(DELETES, len(plan.deletes), 0)
            failed = bucket.delete(client, target, plan.deletes)
            for key in plan.deletes:
                progress.done(key, 0, failed.get(key))
            report.failed.update(failed)
            report.deleted = [k for k in plan.deletes if k not in failed]
    finally:
        progress.close()

    if cdn is not None:
        report.invalidated_paths = paths_for(report.uploaded + report.deleted, target.prefix)
        try:
            report.invalidations = cdn.invalidate(report.invalidated_paths)
        except Exception as exc:  # noqa: BLE001 - reported, the bucket itself is done
            report.cdn_error = bucket.describe_error(exc)
    report.requests, report.seconds = counter.total, time.monotonic() - started
    return report
