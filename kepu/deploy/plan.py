"""What a deploy will do: which files to upload (and why), which keys to delete, how many bytes.

Comparing costs almost no requests. ListObjectsV2 returns each object's size
and ETag, 1000 at a time; for a single-part upload the ETag is the MD5 of the
body, so an unchanged file is recognised from the listing alone. Only when the
ETag cannot be trusted as an MD5 (multipart uploads, SSE-KMS buckets, stores
that hash differently) is the MD5 that kepu stored in x-amz-meta-md5 read with
a HEAD request, and then only for files whose size did not already change.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kepu.errors import UserInputError

from .patterns import matches_any
from .stages import STAGE_TITLES, UPLOAD_STAGES

NEW, CHANGED, FORCED = "new", "changed", "forced"


@dataclass(frozen=True)
class Upload:
    file: object            # SiteFile
    reason: str             # NEW, CHANGED or FORCED


@dataclass
class Plan:
    target: object
    uploads: list[Upload] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    unchanged: int = 0
    heads: int = 0          # HEAD requests the comparison needed

    def stage(self, name: str) -> list[Upload]:
        return [u for u in self.uploads if u.file.stage == name]

    @property
    def upload_bytes(self) -> int:
        return sum(u.file.size for u in self.uploads)

    @property
    def empty(self) -> bool:
        return not self.uploads and not self.deletes

    def summary(self) -> str:
        stages = ", ".join(f"{name} {len(self.stage(name))}" for name in UPLOAD_STAGES)
        return (f"{len(self.uploads)} to upload ({human_bytes(self.upload_bytes)}: {stages}), "
                f"{len(self.deletes)} to delete, {self.unchanged} unchanged")

    def lines(self) -> list[str]:
        """The plan, step by step in the order it runs (what --dry-run prints)."""
        out = []
        for name in UPLOAD_STAGES:
            uploads = self.stage(name)
            if uploads:
                out.append(f"{STAGE_TITLES[name]}:")
                for u in uploads:
                    extra = f" → {u.file.redirect}" if u.file.redirect else ""
                    out.append(f"  upload  {u.file.key}  ({human_bytes(u.file.size)}, {u.reason}){extra}")
        if self.deletes:
            out.append(f"{STAGE_TITLES['deletes']}:")
            out.extend(f"  delete  {key}" for key in self.deletes)
        return out

    def check_deletes(self, max_deletes: int) -> None:
        if max_deletes >= 0 and len(self.deletes) > max_deletes:
            raise UserInputError(
                f"refusing to deploy: it would delete {len(self.deletes)} objects from "
                f"{self.target.url}, more than --max-deletes {max_deletes}. Check --output and "
                "--prefix; if the deletions are intended, pass --max-deletes "
                f"{len(self.deletes)} (or -1 for no limit). Nothing was changed in the bucket.")


def make_plan(files, stored: dict, target, *, stored_md5=None, force: bool = False,
              workers: int = 8) -> Plan:
    """Compare the site's files with the stored objects.

    `stored_md5(key)` reads x-amz-meta-md5 (a HEAD); it is called only for
    files the listing cannot decide.
    """
    plan = Plan(target)
    # If any listed ETag equals the MD5 of the same file, this store's ETags are
    # MD5s; a plain-looking ETag that differs then means "changed", no HEAD needed.
    etags_are_md5 = any(
        (obj := stored.get(f.key)) is not None and obj.etag == f.md5 for f in files)
    undecided = []
    for f in files:
        obj = stored.get(f.key)
        if obj is None:
            plan.uploads.append(Upload(f, NEW))
        elif force:
            plan.uploads.append(Upload(f, FORCED))
        elif obj.size != f.size:
            plan.uploads.append(Upload(f, CHANGED))
        elif obj.etag == f.md5:
            plan.unchanged += 1
        elif obj.etag_is_plain_md5 and etags_are_md5:
            plan.uploads.append(Upload(f, CHANGED))
        else:
            undecided.append(f)
    if undecided:
        plan.heads = len(undecided)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            md5s = list(pool.map(lambda f: _safe(stored_md5, f.key), undecided))
        for f, md5 in zip(undecided, md5s, strict=True):
            if md5 == f.md5:
                plan.unchanged += 1
            else:
                plan.uploads.append(Upload(f, CHANGED))
    local = {f.key for f in files}
    plan.deletes = sorted(
        key for key in stored
        if key not in local and not matches_any(target.exclude, key[len(target.prefix):]))
    return plan


def _safe(stored_md5, key):
    # A failed HEAD only means "cannot prove it is unchanged": uploading again is harmless.
    try:
        return stored_md5(key) if stored_md5 else None
    except Exception:  # noqa: BLE001
        return None


def human_bytes(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"
