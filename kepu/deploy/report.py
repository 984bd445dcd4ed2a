"""What a deploy did, for the command's exit code and for `kepu publish`'s log."""

from __future__ import annotations

from dataclasses import dataclass, field

from .plan import Plan, human_bytes


@dataclass
class DeployReport:
    target: str
    plan: Plan
    dry_run: bool = False
    uploaded: list[str] = field(default_factory=list)
    uploaded_bytes: int = 0
    deleted: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)   # key → reason (uploads and deletes)
    skipped: list[str] = field(default_factory=list)      # not attempted because of a failure
    invalidated_paths: list[str] = field(default_factory=list)
    invalidations: list[str] = field(default_factory=list)
    cdn_error: str | None = None
    requests: int = 0                                      # HTTP requests to the bucket
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and self.cdn_error is None

    def summary(self) -> str:
        if self.dry_run:
            return f"dry run, nothing changed in {self.target}: {self.plan.summary()}"
        text = (f"{self.target}: uploaded {len(self.uploaded)} ({human_bytes(self.uploaded_bytes)}), "
                f"deleted {len(self.deleted)}, unchanged {self.plan.unchanged}, "
                f"{self.requests} requests, {self.seconds:.1f} s")
        if self.invalidations:
            text += f"; CDN purge of {len(self.invalidated_paths)} paths ({', '.join(self.invalidations)})"
        return text

    def failure_message(self) -> str:
        lines = []
        doomed = set(self.plan.deletes)
        upload_failures = {k: r for k, r in self.failed.items() if k not in doomed}
        delete_failures = {k: r for k, r in self.failed.items() if k in doomed}
        if upload_failures:
            lines.append(f"deploy to {self.target} failed to upload {len(upload_failures)} file(s):")
            lines.extend(f"  {key}: {reason}" for key, reason in sorted(upload_failures.items()))
            lines.append(f"nothing was deleted and {len(self.skipped)} upload(s) of later stages were "
                         "held back, so the live site still serves the previous version of those "
                         "pages. Run the deploy again: it uploads only what is still missing.")
        if delete_failures:
            lines.append(f"every file was uploaded, but {len(delete_failures)} old object(s) could "
                         "not be deleted:")
            lines.extend(f"  {key}: {reason}" for key, reason in sorted(delete_failures.items()))
            lines.append("run the deploy again to delete them.")
        if self.cdn_error:
            lines.append(f"the bucket is up to date, but the CDN purge of "
                         f"{len(self.invalidated_paths)} path(s) failed: {self.cdn_error}. "
                         "Visitors may see cached copies until they are purged in the CDN console.")
        return "\n".join(lines)
