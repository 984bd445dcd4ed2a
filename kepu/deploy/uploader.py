"""Runs a plan's uploads stage by stage, in parallel within a stage.

A stage starts only when the one before it finished without failures: if an
asset failed, the pages that would link to it are not uploaded either, so the
live site keeps serving the previous, whole version of those pages.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from . import bucket
from .stages import UPLOAD_STAGES


@dataclass
class UploadOutcome:
    uploaded: list = field(default_factory=list)        # Upload
    failed: dict[str, str] = field(default_factory=dict)  # key → reason
    skipped: list[str] = field(default_factory=list)    # keys of later stages not attempted


def upload_in_stages(client, target, plan, progress, workers: int) -> UploadOutcome:
    outcome = UploadOutcome()
    for name in UPLOAD_STAGES:
        uploads = plan.stage(name)
        if not uploads:
            continue
        if outcome.failed:
            outcome.skipped.extend(u.file.key for u in uploads)
            continue
        progress.stage(name, len(uploads), sum(u.file.size for u in uploads))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kepu-deploy") as pool:
            futures = {pool.submit(bucket.put, client, target, u.file): u for u in uploads}
            for future in as_completed(futures):
                upload = futures[future]
                try:
                    future.result()
                except Exception as exc:  # noqa: BLE001 - every failure is reported by key
                    reason = bucket.describe_error(exc)
                    outcome.failed[upload.file.key] = reason
                    progress.done(upload.file.key, 0, reason)
                else:
                    outcome.uploaded.append(upload)
                    progress.done(upload.file.key, upload.file.size)
    return outcome
