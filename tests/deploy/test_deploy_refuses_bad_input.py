"""Bad input is refused with a clear message and a non-zero exit, and the bucket is untouched."""

import pytest
from click.testing import CliRunner

from kepu.cli import main

from .conftest import make_site, stored_keys


def deploy(*args):
    return CliRunner().invoke(main, ["deploy", *args])


@pytest.fixture
def live(s3, bucket, site, proxy):
    """A bucket already serving the site, reached through the proxy that records every request."""
    result = deploy("--output", str(site), "--bucket", bucket, "--endpoint-url", proxy.url,
                    "--addressing-style", "path")
    assert result.exit_code == 0, result.output
    proxy.clear()
    return stored_keys(s3, bucket)


def assert_untouched(live, s3, bucket, proxy):
    assert stored_keys(s3, bucket) == live
    assert proxy.count("PUT") == proxy.count("POST") == proxy.count("DELETE") == 0


def test_empty_output_folder_is_refused(live, s3, bucket, proxy, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()

    result = deploy("--output", str(empty), "--bucket", bucket, "--endpoint-url", proxy.url,
                    "--addressing-style", "path")

    assert result.exit_code == 1
    assert "empty" in result.stderr and "refusing" in result.stderr
    assert_untouched(live, s3, bucket, proxy)
    assert proxy.count() == 0


def test_build_without_index_page_is_refused(live, s3, bucket, proxy, tmp_path):
    half = make_site(tmp_path / "half", {"zh/gaoxueya/index.html": "<p>only one page</p>"})

    result = deploy("--output", str(half), "--bucket", bucket, "--endpoint-url", proxy.url,
                    "--addressing-style", "path")

    assert result.exit_code == 1
    assert "no index.html" in result.stderr
    assert_untouched(live, s3, bucket, proxy)


def test_missing_output_folder_is_refused(tmp_path):
    result = deploy("--output", str(tmp_path / "nowhere"), "--bucket", "x")
    assert result.exit_code == 1
    assert "no such folder" in result.stderr and "kepu build" in result.stderr


def test_unknown_target_names_the_known_ones(tmp_path, site):
    (tmp_path / "kepu-deploy.toml").write_text(
        '[targets.production]\nbucket = "a"\n[targets.staging]\nbucket = "b"\n', encoding="utf-8")

    result = deploy("--output", str(site), "-t", "prodution")

    assert result.exit_code == 1
    assert "unknown deploy target 'prodution'" in result.stderr
    assert "production, staging" in result.stderr


def test_misspelt_setting_is_refused_with_its_name(tmp_path, site):
    (tmp_path / "kepu-deploy.toml").write_text('[targets.production]\nbukcet = "a"\n', encoding="utf-8")

    result = deploy("--output", str(site), "-t", "production")

    assert result.exit_code == 1
    assert "targets.production.bukcet: unknown setting" in result.stderr


def test_broken_config_file_names_the_line(tmp_path, site):
    (tmp_path / "kepu-deploy.toml").write_text('[targets.production]\nbucket = "a\n', encoding="utf-8")

    result = deploy("--output", str(site), "-t", "production")

    assert result.exit_code == 1
    assert "kepu-deploy.toml" in result.stderr and "line 2" in result.stderr


def test_missing_credentials_is_an_environment_problem(live, s3, bucket, proxy, site, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")

    result = deploy("--output", str(site), "--bucket", bucket, "--endpoint-url", proxy.url,
                    "--addressing-style", "path")

    assert result.exit_code == 2
    assert "no AWS credentials" in result.stderr and "AWS_ACCESS_KEY_ID" in result.stderr
    assert proxy.count() == 0


def test_unknown_profile_is_refused(site, monkeypatch):
    result = deploy("--output", str(site), "--bucket", "x", "--profile", "nobody")
    assert result.exit_code == 1
    assert "nobody" in result.stderr


def test_bucket_that_does_not_exist_is_refused(s3_endpoint, site):
    result = deploy("--output", str(site), "--bucket", "no-such-bucket-kepu",
                    "--endpoint-url", s3_endpoint, "--addressing-style", "path")

    assert result.exit_code == 1
    assert "bucket 'no-such-bucket-kepu' does not exist" in result.stderr


def test_unreachable_endpoint_is_an_environment_problem(site, unused_port):
    result = deploy("--output", str(site), "--bucket", "site", "--addressing-style", "path",
                    "--endpoint-url", f"http://127.0.0.1:{unused_port}")

    assert result.exit_code == 2
    assert "cannot list" in result.stderr


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
