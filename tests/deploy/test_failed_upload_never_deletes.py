"""Faults between kepu and the bucket: retried when transient; otherwise nothing is deleted,
the command names what failed, and a rerun finishes the job uploading only what is missing."""

from click.testing import CliRunner

from kepu.cli import main
from kepu.deploy import deploy_site
from kepu.deploy.progress import Silent

from .conftest import make_target, stored_keys

PAGE = "zh/gaoxueya/index.html"


def deployed_once_then_changed(site, target, s3, bucket):
    """A live site, then a new build: one page and the stylesheet's content changed, one page gone."""
    deploy_site(site, target, progress=Silent())
    (site / PAGE).write_text("<h1>高血压 (更新)</h1>", encoding="utf-8")
    (site / "theme/js/search.js").write_text("/* v2 */", encoding="utf-8")
    (site / "zh/gaoxueya/what-is-hypertension.html").unlink()
    (site / "sitemap.xml").write_text("<urlset><url>new</url></urlset>", encoding="utf-8")
    return stored_keys(s3, bucket)


def test_a_page_that_keeps_failing_blocks_deletes_and_later_stages(proxy, s3, bucket, site):
    target = make_target(proxy.url, bucket, max_attempts=2)
    before = deployed_once_then_changed(site, target, s3, bucket)
    proxy.fail("PUT", PAGE, 503)

    report = deploy_site(site, target, progress=Silent())

    assert not report.ok
    assert list(report.failed) == [PAGE]
    assert "503" in report.failed[PAGE]
    assert "theme/js/search.js" in report.uploaded          # the assets stage completed
    assert "sitemap.xml" in report.skipped                   # indexes never started
    assert report.deleted == [] and proxy.count("POST") == 0
    after = stored_keys(s3, bucket)
    assert set(after) == set(before)                         # nothing deleted
    assert after[PAGE] == before[PAGE]                       # the live page is the old, whole one
    assert after["sitemap.xml"] == before["sitemap.xml"]

    proxy.clear()
    rerun = deploy_site(site, target, progress=Silent())

    assert rerun.ok
    assert sorted(rerun.uploaded) == ["sitemap.xml", PAGE]  # only what was still missing
    assert rerun.deleted == ["zh/gaoxueya/what-is-hypertension.html"]


def test_the_command_exits_nonzero_naming_the_file(proxy, s3, bucket, site, tmp_path):
    target = make_target(proxy.url, bucket)
    deployed_once_then_changed(site, target, s3, bucket)
    proxy.fail("PUT", PAGE, 500)
    (tmp_path / "kepu-deploy.toml").write_text(
        f'[targets.flaky]\nbucket = "{bucket}"\nendpoint_url = "{proxy.url}"\n'
        'addressing_style = "path"\nmax_attempts = 2\n', encoding="utf-8")

    result = CliRunner().invoke(main, ["deploy", "-t", "flaky", "--output", str(site)])

    assert result.exit_code == 2
    assert PAGE in result.stderr
    assert "nothing was deleted" in result.stderr
    assert "zh/gaoxueya/what-is-hypertension.html" in stored_keys(s3, bucket)


def test_transient_errors_are_retried_and_the_deploy_succeeds(proxy, s3, bucket, site):
    target = make_target(proxy.url, bucket, max_attempts=4)
    proxy.fail("PUT", PAGE, 503, times=1)
    proxy.fail("PUT", "sitemap.xml", 500, times=2)
    proxy.fail("PUT", "zh/高血压.html", "drop", times=1)

    report = deploy_site(site, target, progress=Silent())

    assert report.ok, report.failure_message()
    puts = [key for method, key in proxy.requests if method == "PUT"]
    assert puts.count(PAGE) == 2 and puts.count("sitemap.xml") == 3 and puts.count("zh/高血压.html") == 2
    assert s3.get_object(Bucket=bucket, Key="zh/高血压.html")["Body"].read() == \
        (site / "zh/高血压.html").read_bytes()


def test_a_connection_dropped_every_time_is_a_named_failure(proxy, s3, bucket, site):
    target = make_target(proxy.url, bucket, max_attempts=2)
    proxy.fail("PUT", "media/5e88489b42.png", "drop")

    report = deploy_site(site, target, progress=Silent())

    assert list(report.failed) == ["media/5e88489b42.png"]
    # an asset failed, so no page that shows it went live
    assert not any(key.endswith(".html") for key in stored_keys(s3, bucket))

    proxy.clear()
    rerun = deploy_site(site, target, progress=Silent())
    assert rerun.ok and "media/5e88489b42.png" in rerun.uploaded
    assert len(rerun.uploaded) == len(report.skipped) + 1


def test_a_failed_delete_is_reported_after_every_upload_landed(proxy, s3, bucket, site):
    s3.put_object(Bucket=bucket, Key="zh/old-page.html", Body=b"old")
    target = make_target(proxy.url, bucket)
    proxy.fail("POST", "", 503)  # DeleteObjects is POST /bucket?delete

    report = deploy_site(site, target, progress=Silent())

    assert report.failed.keys() == {"zh/old-page.html"}
    assert len(report.uploaded) == 16
    assert "could not be deleted" in report.failure_message()


def test_a_fault_on_the_nth_put_of_a_key_hits_only_that_deploy(proxy, s3, bucket, site):
    target = make_target(proxy.url, bucket, max_attempts=1)  # no retries: the fault shows
    proxy.fail("PUT", PAGE, 503, skip=1, times=1)            # the 2nd PUT of the page, only
    assert deploy_site(site, target, progress=Silent()).ok
    (site / PAGE).write_text("<h1>高血压 v2</h1>", encoding="utf-8")

    failed = deploy_site(site, target, progress=Silent())
    rerun = deploy_site(site, target, progress=Silent())

    assert list(failed.failed) == [PAGE]
    assert rerun.ok and rerun.uploaded == [PAGE]
    assert s3.get_object(Bucket=bucket, Key=PAGE)["Body"].read() == "<h1>高血压 v2</h1>".encode()
