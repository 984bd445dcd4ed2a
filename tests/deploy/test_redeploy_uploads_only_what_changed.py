"""After the first deploy, a deploy sends only what changed, in the safe order."""

from kepu.deploy import deploy_site
from kepu.deploy.progress import Silent

from .conftest import make_target, stored_keys


def test_second_deploy_with_no_change_uploads_0_deletes_0_with_one_request(proxy, bucket, site):
    target = make_target(proxy.url, bucket)
    deploy_site(site, target, progress=Silent())
    proxy.clear()

    report = deploy_site(site, target, progress=Silent())

    assert (report.uploaded, report.deleted, report.plan.heads) == ([], [], 0)
    assert report.plan.unchanged == 16
    assert proxy.requests == [("GET", "?list-type=2&prefix=&encoding-type=url")]
    assert report.requests == 1


def test_one_changed_page_is_the_only_upload(proxy, bucket, site, s3):
    target = make_target(proxy.url, bucket)
    deploy_site(site, target, progress=Silent())
    page = site / "zh/gaoxueya/what-is-hypertension.html"
    page.write_text(page.read_text(encoding="utf-8").replace("什么是高血压", "什么是高血压？"),
                    encoding="utf-8")
    proxy.clear()

    report = deploy_site(site, target, progress=Silent())

    assert report.uploaded == ["zh/gaoxueya/what-is-hypertension.html"]
    assert proxy.count("PUT") == 1 and proxy.count() == 2   # one listing, one PUT
    body = s3.get_object(Bucket=bucket, Key="zh/gaoxueya/what-is-hypertension.html")["Body"].read()
    assert "什么是高血压？".encode() in body


def test_same_size_change_is_caught_from_the_listing(proxy, bucket, site):
    target = make_target(proxy.url, bucket)
    deploy_site(site, target, progress=Silent())
    robots = site / "robots.txt"
    robots.write_text(robots.read_text().replace("Allow", "Xllow"))  # same size, new MD5
    proxy.clear()

    report = deploy_site(site, target, progress=Silent())

    assert report.uploaded == ["robots.txt"]
    assert proxy.count("HEAD") == 0  # ETags proved to be MD5s: no HEAD needed


def test_removed_file_is_deleted_and_a_unicode_file_is_added(s3, bucket, site, target):
    deploy_site(site, target, progress=Silent())
    (site / "zh/gaoxueya/what-is-hypertension.html").unlink()
    (site / "zh/糖尿病.html").write_text("<p>糖尿病</p>", encoding="utf-8")

    report = deploy_site(site, target, progress=Silent())

    assert report.uploaded == ["zh/糖尿病.html"]
    assert report.deleted == ["zh/gaoxueya/what-is-hypertension.html"]
    keys = stored_keys(s3, bucket)
    assert "zh/糖尿病.html" in keys and "zh/gaoxueya/what-is-hypertension.html" not in keys


def test_uploads_go_assets_pages_indexes_redirects_then_deletes(proxy, s3, bucket, site):
    s3.put_object(Bucket=bucket, Key="zh/old-page.html", Body=b"old")
    target = make_target(proxy.url, bucket, workers=8)

    deploy_site(site, target, progress=Silent())

    order = []
    for method, key in proxy.requests:
        if method == "PUT":
            order.append(stage_of_key(key))
        elif method == "POST" and key.endswith("?delete"):
            order.append("deletes")
    stages = ["assets", "pages", "indexes", "redirects", "deletes"]
    assert order == sorted(order, key=stages.index)
    assert set(order) == set(stages)


def stage_of_key(key):
    if key.startswith("s/"):
        return "redirects"
    if key.endswith((".xml", ".json", ".txt")):
        return "indexes"
    if key.endswith(".html"):
        return "pages"
    return "assets"


def test_multipart_objects_are_compared_through_stored_md5(s3, s3_endpoint, bucket, site):
    (site / "media/0123456789abcdef.mp4").write_bytes(bytes(range(256)) * 24_000)  # 6.1 MB
    target = make_target(s3_endpoint, bucket, multipart_threshold=5 * 1024 * 1024)
    deploy_site(site, target, progress=Silent())
    etag = s3.head_object(Bucket=bucket, Key="media/0123456789abcdef.mp4")["ETag"]
    assert "-" in etag  # a multipart ETag: not an MD5

    report = deploy_site(site, target, progress=Silent())

    assert report.uploaded == []
    assert report.plan.heads == 1  # only the multipart object needed a HEAD


def test_force_uploads_everything_again_with_new_headers(s3, s3_endpoint, bucket, site):
    from kepu.deploy.headers import CacheRule

    deploy_site(site, make_target(s3_endpoint, bucket), progress=Silent())
    target = make_target(s3_endpoint, bucket, cache_rules=(CacheRule("**", "no-store"),))

    assert deploy_site(site, target, progress=Silent()).uploaded == []  # headers are not compared
    report = deploy_site(site, target, progress=Silent(), force=True)

    assert len(report.uploaded) == 16 and {u.reason for u in report.plan.uploads} == {"forced"}
    assert s3.head_object(Bucket=bucket, Key="index.html")["CacheControl"] == "no-store"
