"""Named targets in kepu-deploy.toml, with command-line options on top."""

import pytest

from kepu.deploy import load_target
from kepu.errors import UserInputError

CONFIG = """
default_target = "production"

[defaults]
gzip = true
workers = 4
[[defaults.cache]]
pattern = "*.pdf"
cache_control = "public, max-age=86400"

[targets.production]
bucket = "kepu-site"
endpoint_url = "https://oss-cn-hangzhou.aliyuncs.com"
addressing_style = "virtual"
prefix = "www"
exclude = ["private/**"]
[targets.production.cdn]
kind = "cloudfront"
distribution_id = "E2KEPU"
[[targets.production.cache]]
pattern = "*.html"
cache_control = "no-cache"

[targets.minio]
bucket = "site"
endpoint_url = "http://127.0.0.1:9000"
addressing_style = "path"
gzip = false
"""


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "kepu-deploy.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_default_target_with_shared_defaults(config):
    target = load_target()
    assert (target.name, target.bucket, target.prefix) == ("production", "kepu-site", "www/")
    assert target.gzip and target.workers == 4 and target.max_deletes == 256
    assert target.url == "s3://kepu-site/www/ at https://oss-cn-hangzhou.aliyuncs.com"
    assert target.cdn == {"kind": "cloudfront", "distribution_id": "E2KEPU"}
    # the target's rules first, then [defaults], then the built-in ones
    assert [r.pattern for r in target.cache_rules[:2]] == ["*.html", "*.pdf"]
    assert target.exclude == ("private/**",)


def test_command_line_options_override_the_file(config):
    target = load_target("minio", prefix="preview/", workers=16, gzip=None)
    assert (target.bucket, target.prefix, target.workers, target.gzip) == ("site", "preview/", 16, False)


def test_bucket_alone_needs_no_file(tmp_path):
    target = load_target(bucket="kepu", region="cn-north-1", config=None)
    assert (target.name, target.bucket, target.region, target.prefix) == ("command line", "kepu", "cn-north-1", "")


def test_a_file_with_several_targets_and_no_default_asks_which(tmp_path):
    (tmp_path / "kepu-deploy.toml").write_text('[targets.a]\nbucket="a"\n[targets.b]\nbucket="b"\n')
    with pytest.raises(UserInputError, match="pass --bucket or --target NAME.*a, b"):
        load_target()


def test_wrong_types_are_named(tmp_path):
    (tmp_path / "kepu-deploy.toml").write_text('[targets.a]\nbucket="a"\nworkers="eight"\n')
    with pytest.raises(UserInputError, match=r"targets.a.workers: must be a int"):
        load_target("a")


def test_cache_rule_without_cache_control_is_refused(tmp_path):
    (tmp_path / "kepu-deploy.toml").write_text('[targets.a]\nbucket="a"\n[[targets.a.cache]]\npattern="*.html"\n')
    with pytest.raises(UserInputError, match=r"targets.a.cache\[0\]: needs pattern"):
        load_target("a")
