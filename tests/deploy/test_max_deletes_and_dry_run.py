"""Deleting is bounded, and --dry-run shows the plan without changing anything."""

from concurrent.futures import ThreadPoolExecutor

from click.testing import CliRunner

from kepu.cli import main

from .conftest import stored_keys


def deploy(proxy, bucket, site, *args):
    return CliRunner().invoke(main, ["deploy", "--output", str(site), "--bucket", bucket,
                                     "--endpoint-url", proxy.url, "--addressing-style", "path",
                                     *args])


def seed_old_pages(s3, bucket, n):
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: s3.put_object(Bucket=bucket, Key=f"old/page-{i}.html", Body=b"old"),
                      range(n)))


def test_more_deletes_than_the_bound_are_refused_before_any_upload(proxy, s3, bucket, site):
    seed_old_pages(s3, bucket, 5)
    before = stored_keys(s3, bucket)

    result = deploy(proxy, bucket, site, "--max-deletes", "4")

    assert result.exit_code == 1
    assert "would delete 5 objects" in result.stderr and "--max-deletes 4" in result.stderr
    assert stored_keys(s3, bucket) == before
    assert proxy.count("PUT") == proxy.count("POST") == 0


def test_the_default_bound_is_256(proxy, s3, bucket, site):
    seed_old_pages(s3, bucket, 257)

    result = deploy(proxy, bucket, site)

    assert result.exit_code == 1
    assert "would delete 257 objects" in result.stderr and "--max-deletes 256" in result.stderr


def test_deletes_within_the_bound_go_ahead(proxy, s3, bucket, site):
    seed_old_pages(s3, bucket, 3)

    result = deploy(proxy, bucket, site, "--max-deletes", "3")

    assert result.exit_code == 0, result.output
    assert "deleted 3" in result.stdout
    assert not any(k.startswith("old/") for k in stored_keys(s3, bucket))
    # OSS, COS and Ceph refuse DeleteObjects without Content-MD5
    deletes = [h for (method, _), h in zip(proxy.requests, proxy.headers, strict=True) if method == "POST"]
    assert len(deletes) == 1 and "Content-MD5" in deletes[0]


def test_dry_run_prints_the_plan_and_touches_nothing(proxy, s3, bucket, site):
    seed_old_pages(s3, bucket, 2)
    before = stored_keys(s3, bucket)

    result = deploy(proxy, bucket, site, "--dry-run")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "upload  zh/高血压.html" in out
    assert "upload  s/gx7k2/index.html" in out and "→ /zh/gaoxueya/" in out
    assert "delete  old/page-0.html" in out
    assert "16 to upload" in out and "2 to delete" in out and "kB" in out
    assert out.index("assets") < out.index("pages (html)") < out.index("feeds") \
        < out.index("short-link redirects") < out.index("deletes:")
    assert stored_keys(s3, bucket) == before
    assert {method for method, _ in proxy.requests} == {"GET"}


def test_dry_run_warns_with_exit_1_when_the_real_run_would_be_refused(proxy, s3, bucket, site):
    seed_old_pages(s3, bucket, 3)

    result = deploy(proxy, bucket, site, "--dry-run", "--max-deletes", "2")

    assert result.exit_code == 1
    assert "delete  old/page-2.html" in result.stdout
    assert "more than --max-deletes 2" in result.stderr
    assert proxy.count("PUT") == proxy.count("POST") == 0
