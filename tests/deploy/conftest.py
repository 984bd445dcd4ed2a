"""A real S3 HTTP endpoint for deploy tests: moto's server on 127.0.0.1, one per session.

Every test gets its own bucket, fake credentials from the environment and,
when it asks for `proxy`, a FaultProxy in front of the endpoint.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest

from .faultproxy import FaultProxy


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    # werkzeug logs every request; thousands of captured lines slow the suite down
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def aws_env(monkeypatch, tmp_path):
    """Fake credentials; no ~/.aws, no instance metadata, no project kepu-deploy.toml."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "KEPU_DEPLOY_CONFIG": str(tmp_path / "kepu-deploy.toml"),
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "CI"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def s3(s3_endpoint):
    """A client straight to the endpoint, for looking at what the deploy stored."""
    import boto3
    from botocore.config import Config

    return boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1",
                        config=Config(s3={"addressing_style": "path"}))


@pytest.fixture
def bucket(s3):
    name = f"site-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


@pytest.fixture
def proxy(s3_endpoint):
    with FaultProxy(s3_endpoint) as running:
        yield running


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "output")


@pytest.fixture
def target(s3_endpoint, bucket):
    return make_target(s3_endpoint, bucket)


def make_target(endpoint, bucket, **settings):
    from kepu.deploy import Target

    settings.setdefault("max_attempts", 2)
    settings.setdefault("workers", 4)
    return Target(bucket=bucket, endpoint_url=endpoint, addressing_style="path",
                  region="us-east-1", **settings)


PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}</title><link rel="stylesheet" href="/theme/css/style.0a1b2c3d.css"></head>
<body><h1>{title}</h1><img src="/media/5e88489b42.png" alt="血压计"></body></html>
"""
SITE = {
    "index.html": PAGE.format(title="科普首页"),
    "404.html": PAGE.format(title="页面不存在"),
    "zh/gaoxueya/index.html": PAGE.format(title="高血压"),
    "zh/gaoxueya/what-is-hypertension.html": PAGE.format(title="什么是高血压"),
    "zh/高血压.html": PAGE.format(title="高血压（中文文件名）"),
    "en/hypertension/index.html": PAGE.format(title="Hypertension"),
    "theme/css/style.0a1b2c3d.css": "body{font-size:18px;line-height:1.7}\n" * 20,
    "theme/js/search.js": "document.querySelector('form');\n" * 10,
    "favicon.ico": b"\x00\x00\x01\x00" + bytes(60),
    "media/5e88489b42.png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "feeds/zh.atom.xml": '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>科普</title></feed>',
    "sitemap.xml": '<?xml version="1.0" encoding="utf-8"?><urlset></urlset>',
    "robots.txt": "User-agent: *\nAllow: /\n",
    "search/index.json": '{"pages": [{"title": "高血压", "url": "/zh/gaoxueya/"}]}',
    "s/gx7k2/index.html": ('<!doctype html><html><head><meta charset="utf-8">'
                           '<meta http-equiv="refresh" content="0; url=../../zh/gaoxueya/">'
                           '<link rel="canonical" href="/zh/gaoxueya/"></head><body>'
                           '<a href="../../zh/gaoxueya/">高血压</a></body></html>'),
    "s/old99/index.html": ('<!doctype html><html><head><meta charset="utf-8"><title>已撤回</title></head>'
                           '<body><p>此页面已撤回，正在重新审核。</p></body></html>'),
}


def make_site(root: Path, files: dict | None = None) -> Path:
    for rel, content in (SITE if files is None else files).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def stored_keys(s3, bucket) -> dict[str, str]:
    """{key: ETag} of everything in the bucket."""
    out = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            out[item["Key"]] = item["ETag"]
    return out
