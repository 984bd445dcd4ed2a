"""The bucket side: a boto3 S3 client for a target, what is stored, and the few requests a deploy makes.

One client is created per deploy and shared by every worker thread: boto3
clients (unlike sessions and resources) are thread-safe.
"""

from __future__ import annotations

import base64
import threading
from dataclasses import dataclass

from kepu.errors import EnvironmentProblem, UserInputError

MD5_METADATA = "md5"          # stored as x-amz-meta-md5
DELETE_BATCH = 1000           # DeleteObjects takes at most 1000 keys


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    etag: str                 # without quotes, lower case

    @property
    def etag_is_plain_md5(self) -> bool:
        # Multipart ETags look like "<md5-of-md5s>-<parts>"; only a single-part
        # upload without SSE-KMS/SSE-C has the body's MD5 as its ETag.
        return len(self.etag) == 32 and all(c in "0123456789abcdef" for c in self.etag)


class RequestCounter:
    """Counts HTTP requests a client sends (retries included), for reports and the benchmark."""

    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0

    def __call__(self, **kwargs):
        with self._lock:
            self.total += 1


_models_lock = threading.Lock()
_models = {}


def session_for(profile: str | None, raw_timestamps: bool = False):
    """A boto3 session that reuses the service models parsed by earlier sessions.

    Parsing botocore's JSON models costs ~0.2 s per session, and `kepu publish`
    in a CMS worker deploys again and again. Credentials are still looked up
    afresh by each session, so a rotated key is picked up.
    """
    import boto3
    import botocore.session

    with _models_lock:
        core = botocore.session.get_session()
        loader = _models.setdefault("loader", core.get_component("data_loader"))
        core.register_component("data_loader", loader)
        if raw_timestamps:
            # A listing's LastModified dates are never used, and parsing them with
            # dateutil is most of the time botocore spends on a 10,000-key listing.
            core.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=str)
        session = boto3.Session(botocore_session=core, profile_name=profile)
        # boto3 appends its data folder to the loader once per session; keep one copy.
        loader.search_paths[:] = list(dict.fromkeys(loader.search_paths))
    return session


def s3_client(target, counter: RequestCounter | None = None):
    from botocore.config import Config
    from botocore.exceptions import ProfileNotFound

    session = session_for(target.profile, raw_timestamps=True)
    try:
        credentials = session.get_credentials()
    except ProfileNotFound as exc:
        raise UserInputError(f"deploy target {target.name!r}: {exc}") from exc
    if credentials is None:
        raise EnvironmentProblem(
            "no AWS credentials found for the deploy: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / `profile = \"…\"` in kepu-deploy.toml "
            "(the bucket was not touched)")
    config = Config(
        # "standard" retries 500/502/503/504, throttling and dropped connections
        # with exponential backoff and jitter, rewinding the body of a PUT.
        retries={"mode": "standard", "total_max_attempts": target.max_attempts},
        max_pool_connections=max(10, target.workers + 2),
        s3={"addressing_style": target.addressing_style},
        connect_timeout=10,
        read_timeout=60,
        # boto3 ≥ 1.36 adds CRC32 trailers to every upload by default, which
        # older MinIO and some OSS/COS endpoints reject; kepu sends Content-MD5 itself.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    client = session.client("s3", endpoint_url=target.endpoint_url,
                            region_name=target.region or session.region_name or "us-east-1",
                            config=config)
    client.meta.events.register("before-sign.s3.DeleteObjects", _add_content_md5)
    if counter is not None:
        client.meta.events.register("before-send.s3", counter)
    return client


def _add_content_md5(request, **kwargs):
    # DeleteObjects must carry a checksum; botocore now sends only CRC32, but
    # Aliyun OSS, Tencent COS and Ceph answer MissingContentMD5 without Content-MD5.
    import hashlib

    body = request.body
    if isinstance(body, bytes) and "Content-MD5" not in request.headers:
        digest = hashlib.md5(body, usedforsecurity=False).digest()
        request.headers["Content-MD5"] = base64.b64encode(digest).decode()


def describe_error(exc: BaseException) -> str:
    """A one-line reason, e.g. "503 SlowDown after 5 attempts"."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        error = response.get("Error", {})
        meta = response.get("ResponseMetadata", {})
        status = meta.get("HTTPStatusCode")
        attempts = meta.get("RetryAttempts")
        parts = [str(status or ""), error.get("Code", ""), error.get("Message", "")]
        text = " ".join(p for p in parts if p)
        if attempts:
            text += f" (after {attempts + 1} attempts)"
        return text or str(exc)
    return str(exc) or type(exc).__name__


def list_stored(client, target) -> dict[str, StoredObject]:
    """Everything under the target's prefix: one ListObjectsV2 request per 1000 keys."""
    from botocore.exceptions import BotoCoreError, ClientError

    stored = {}
    try:
        pages = client.get_paginator("list_objects_v2").paginate(
            Bucket=target.bucket, Prefix=target.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                stored[item["Key"]] = StoredObject(item["Key"], item["Size"],
                                                   item.get("ETag", "").strip('"').lower())
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code == "NoSuchBucket":
            raise UserInputError(f"bucket {target.bucket!r} does not exist"
                                 f"{' at ' + target.endpoint_url if target.endpoint_url else ''}; "
                                 "create it first (kepu deploy never creates buckets)") from exc
        raise EnvironmentProblem(f"cannot list {target.url}: {describe_error(exc)}") from exc
    except BotoCoreError as exc:
        raise EnvironmentProblem(f"cannot list {target.url}: {exc}") from exc
    return stored


def stored_md5(client, target, key: str) -> str | None:
    """The MD5 kepu stored in the object's metadata (a HEAD request), or None."""
    head = client.head_object(Bucket=target.bucket, Key=key)
    return (head.get("Metadata") or {}).get(MD5_METADATA)


def put(client, target, site_file) -> None:
    """Store one file with its headers; raises if the file changed since it was planned."""
    import hashlib

    args = {
        "ContentType": site_file.content_type,
        "Metadata": {MD5_METADATA: site_file.md5},
    }
    if site_file.cache_control:
        args["CacheControl"] = site_file.cache_control
    if site_file.content_encoding:
        args["ContentEncoding"] = site_file.content_encoding
    if site_file.redirect:
        args["WebsiteRedirectLocation"] = site_file.redirect
    if target.acl:
        args["ACL"] = target.acl
    changed = RuntimeError(f"{site_file.path} changed during the deploy; run the deploy again")
    if site_file.size > target.multipart_threshold and not site_file.content_encoding:
        # Big media: streamed in parts from disk. A multipart ETag is no MD5,
        # so the next deploy reads x-amz-meta-md5 with a HEAD instead (plan.py).
        from boto3.s3.transfer import TransferConfig

        from .sitefolder import file_md5

        if file_md5(site_file.path)[1] != site_file.md5:
            raise changed
        client.upload_file(str(site_file.path), target.bucket, site_file.key, ExtraArgs=args,
                           Config=TransferConfig(multipart_threshold=target.multipart_threshold,
                                                 use_threads=False))
        return
    body = site_file.body()
    digest = hashlib.md5(body, usedforsecurity=False)
    if digest.hexdigest() != site_file.md5:
        raise changed
    client.put_object(Bucket=target.bucket, Key=site_file.key, Body=body,
                      ContentMD5=base64.b64encode(digest.digest()).decode(), **args)


def delete(client, target, keys: list[str]) -> dict[str, str]:
    """Delete `keys` in batches; returns {key: reason} for those that could not be deleted."""
    failed = {}
    for start in range(0, len(keys), DELETE_BATCH):
        batch = keys[start:start + DELETE_BATCH]
        try:
            response = client.delete_objects(Bucket=target.bucket, Delete={
                "Objects": [{"Key": k} for k in batch], "Quiet": True})
        except Exception as exc:  # noqa: BLE001 - any failure is reported per key
            failed.update(dict.fromkeys(batch, describe_error(exc)))
            continue
        for error in response.get("Errors", []):
            failed[error["Key"]] = f"{error.get('Code', '')} {error.get('Message', '')}".strip()
    return failed
