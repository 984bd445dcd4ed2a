"""Where a deploy goes: a bucket on an S3-compatible endpoint, from options or kepu-deploy.toml.

Named targets live in `kepu-deploy.toml` at the project root (or the file
named by KEPU_DEPLOY_CONFIG / --config), like `hugo deploy`'s targets:

    default_target = "production"

    [defaults]                    # shared by every target
    gzip = true

    [targets.production]
    bucket = "kepu-site"
    endpoint_url = "https://oss-cn-hangzhou.aliyuncs.com"
    addressing_style = "virtual"

    [[targets.production.cache]]  # tried before the built-in rules
    pattern = "*.html"
    cache_control = "public, max-age=60"

Credentials never live here: boto3's standard chain finds them
(AWS_ACCESS_KEY_ID…, AWS_PROFILE or `profile = "…"`, ~/.aws, instance roles).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from kepu import paths
from kepu.errors import UserInputError

from .headers import DEFAULT_CACHE_RULES, CacheRule

CONFIG_NAME = "kepu-deploy.toml"
ADDRESSING_STYLES = ("auto", "path", "virtual")


@dataclass(frozen=True)
class Target:
    """A bucket (and key prefix) the site is deployed to, with how to store each file."""

    bucket: str
    name: str = "command line"
    prefix: str = ""
    endpoint_url: str | None = None
    region: str | None = None
    addressing_style: str = "auto"
    profile: str | None = None
    workers: int = 8
    max_deletes: int = 256          # -1: no limit
    max_attempts: int = 5           # per request, botocore "standard" retry mode
    gzip: bool = False
    gzip_patterns: tuple[str, ...] = ("**",)
    exclude: tuple[str, ...] = ()
    cache_rules: tuple[CacheRule, ...] = DEFAULT_CACHE_RULES
    content_types: dict = field(default_factory=dict)
    acl: str | None = None          # e.g. "public-read" on OSS/COS buckets without a bucket policy
    multipart_threshold: int = 64 * 1024 * 1024
    cdn: dict | None = None         # {"kind": "cloudfront", "distribution_id": "E…"}

    def __post_init__(self):
        object.__setattr__(self, "prefix", normalize_prefix(self.prefix))

    def key_for(self, rel: str) -> str:
        return self.prefix + rel

    @property
    def url(self) -> str:
        where = f" at {self.endpoint_url}" if self.endpoint_url else ""
        return f"s3://{self.bucket}/{self.prefix}{where}"


def normalize_prefix(prefix: str | None) -> str:
    prefix = (prefix or "").strip().strip("/")
    return f"{prefix}/" if prefix else ""


def config_path() -> Path:
    return Path(os.environ.get("KEPU_DEPLOY_CONFIG") or paths.ROOT / CONFIG_NAME)


# Keys a target (or [defaults]) may set, with the type each must have.
_FIELDS = {
    "bucket": str, "prefix": str, "endpoint_url": str, "region": str, "addressing_style": str,
    "profile": str, "workers": int, "max_deletes": int, "max_attempts": int, "gzip": bool,
    "gzip_patterns": list, "exclude": list, "cache": list, "content_types": dict, "acl": str,
    "multipart_threshold": int, "cdn": dict,
}


def load_target(name: str | None = None, config: Path | str | None = None, **overrides) -> Target:
    """The target called `name` in the config file, with `overrides` (CLI options) on top.

    Without a name: --bucket alone describes a target; otherwise the file's
    `default_target`, or its only target.
    """
    path = Path(config) if config else config_path()
    overrides = {k: v for k, v in overrides.items() if v is not None}
    data = _read(path) if path.is_file() else {}
    if config and not path.is_file():
        raise UserInputError(f"{path}: no such deploy configuration file")
    targets = data.get("targets", {})
    if not isinstance(targets, dict):
        raise UserInputError(f"{path}: targets: must be a table of named targets")
    if name is None and "bucket" not in overrides:
        name = data.get("default_target")
        if name is None and len(targets) == 1:
            name = next(iter(targets))
        if name is None:
            known = ", ".join(sorted(targets)) or "none"
            raise UserInputError(f"no deploy target: pass --bucket or --target NAME "
                                 f"(targets in {path}: {known})")
    settings = dict(_check(data.get("defaults", {}), path, "defaults"))
    if name is not None:
        if name not in targets:
            known = ", ".join(sorted(targets)) or "none"
            where = path if path.is_file() else f"{path} (file not found)"
            raise UserInputError(f"unknown deploy target {name!r}; targets in {where}: {known}")
        own = _check(targets[name], path, f"targets.{name}")
        rules = own.get("cache", []) + settings.get("cache", [])
        settings.update(own)
        settings["cache"] = rules
    settings.update(overrides)
    if not settings.get("bucket"):
        raise UserInputError(f"deploy target {name or 'command line'!r} has no bucket "
                             f"(set bucket in {path} or pass --bucket)")
    return _build(name or "command line", settings, path)


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise UserInputError(f"{path}: {exc}") from exc


def _check(table, path: Path, where: str) -> dict:
    if not isinstance(table, dict):
        raise UserInputError(f"{path}: {where}: must be a table")
    for key, value in table.items():
        kind = _FIELDS.get(key)
        if kind is None:
            raise UserInputError(f"{path}: {where}.{key}: unknown setting "
                                 f"(known: {', '.join(sorted(_FIELDS))})")
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise UserInputError(f"{path}: {where}.{key}: must be a {kind.__name__}")
    for i, rule in enumerate(table.get("cache", [])):
        if not (isinstance(rule, dict) and isinstance(rule.get("pattern"), str)
                and isinstance(rule.get("cache_control"), str)):
            raise UserInputError(f"{path}: {where}.cache[{i}]: needs pattern = \"…\" and "
                                 "cache_control = \"…\"")
    return dict(table)


def _build(name: str, settings: dict, path: Path) -> Target:
    style = settings.get("addressing_style", "auto")
    if style not in ADDRESSING_STYLES:
        raise UserInputError(f"addressing_style {style!r}: must be one of {', '.join(ADDRESSING_STYLES)}")
    if settings.get("workers", 1) < 1:
        raise UserInputError("workers: must be at least 1")
    if settings.get("max_deletes", 0) < -1:
        raise UserInputError("max_deletes: must be -1 (no limit) or a number of files")
    cdn = settings.get("cdn")
    if cdn is not None and not cdn.get("kind"):
        raise UserInputError(f"{path}: targets.{name}.cdn: needs kind = \"cloudfront\" (or another CDN)")
    rules = tuple(CacheRule(r["pattern"], r["cache_control"]) for r in settings.get("cache", []))
    plain = {k: v for k, v in settings.items() if k not in ("cache", "gzip_patterns", "exclude")}
    target = Target(name=name, cache_rules=rules + DEFAULT_CACHE_RULES, **plain)
    if "gzip_patterns" in settings:
        target = replace(target, gzip_patterns=tuple(settings["gzip_patterns"]))
    if "exclude" in settings:
        target = replace(target, exclude=tuple(settings["exclude"]))
    return target
