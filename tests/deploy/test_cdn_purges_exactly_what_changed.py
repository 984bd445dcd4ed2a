"""After a deploy, the CDN is purged of exactly the paths that changed, in batches."""

import uuid

import boto3
import pytest

from kepu.deploy import deploy_site
from kepu.deploy.cdn import CloudFront, paths_for
from kepu.deploy.progress import Silent

from .conftest import make_target


@pytest.fixture
def cloudfront(s3_endpoint):
    return boto3.client("cloudfront", endpoint_url=s3_endpoint, region_name="us-east-1")


@pytest.fixture
def distribution(cloudfront, bucket):
    config = {
        "CallerReference": uuid.uuid4().hex,
        "Comment": "kepu test",
        "Enabled": True,
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "site", "DomainName": f"{bucket}.s3.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https",
                                 "TrustedSigners": {"Enabled": False, "Quantity": 0},
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                                 "MinTTL": 0},
    }
    return cloudfront.create_distribution(DistributionConfig=config)["Distribution"]["Id"]


def invalidated(cloudfront, distribution):
    out = []
    for item in cloudfront.list_invalidations(DistributionId=distribution)["InvalidationList"].get("Items", []):
        batch = cloudfront.get_invalidation(DistributionId=distribution, Id=item["Id"])
        out.append(sorted(batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]))
    return out


def test_changed_and_deleted_pages_are_purged_and_nothing_else(s3_endpoint, bucket, site, cloudfront,
                                                                distribution):
    target = make_target(s3_endpoint, bucket, cdn={"kind": "cloudfront", "distribution_id": distribution,
                                                   "endpoint_url": s3_endpoint})
    deploy_site(site, target, progress=Silent())
    first = invalidated(cloudfront, distribution)
    assert len(first) == 1 and "/zh/%E9%AB%98%E8%A1%80%E5%8E%8B.html" in first[0]

    (site / "zh/gaoxueya/index.html").write_text("<h1>高血压 v2</h1>", encoding="utf-8")
    (site / "en/hypertension/index.html").unlink()
    report = deploy_site(site, target, progress=Silent())

    assert report.ok and len(report.invalidations) == 1
    assert invalidated(cloudfront, distribution)[-1] == [
        "/en/hypertension/", "/en/hypertension/index.html",
        "/zh/gaoxueya/", "/zh/gaoxueya/index.html"]

    unchanged = deploy_site(site, target, progress=Silent())
    assert unchanged.invalidations == []
    assert len(invalidated(cloudfront, distribution)) == 2


def test_cloudfront_batches_many_paths_and_collapses_huge_purges(cloudfront, distribution):
    cdn = CloudFront(distribution, client=cloudfront)

    ids = cdn.invalidate([f"/zh/page-{i}.html" for i in range(2500)])
    assert len(ids) == 3
    sizes = sorted(len(batch) for batch in invalidated(cloudfront, distribution))
    assert sizes == [500, 1000, 1000]

    assert len(cdn.invalidate([f"/p{i}" for i in range(3001)])) == 1
    assert ["/*"] in invalidated(cloudfront, distribution)


def test_cdn_failure_is_reported_after_the_bucket_is_done(s3_endpoint, bucket, site):
    target = make_target(s3_endpoint, bucket, cdn={"kind": "cloudfront", "distribution_id": "ENOSUCH",
                                                   "endpoint_url": s3_endpoint})
    report = deploy_site(site, target, progress=Silent())

    assert len(report.uploaded) == 16
    assert report.cdn_error and not report.ok
    assert "CDN purge" in report.failure_message()


def test_paths_are_relative_to_the_prefix_and_cover_folder_urls():
    assert paths_for(["kepu/index.html", "kepu/zh/a/index.html", "kepu/t.css"], "kepu/") == [
        "/", "/index.html", "/t.css", "/zh/a/", "/zh/a/index.html"]
