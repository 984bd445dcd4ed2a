"""A first deploy stores every file with the headers patients' browsers and the CDN rely on."""

import gzip
import hashlib

from kepu.deploy import deploy_site, load_target
from kepu.deploy.progress import Silent

from .conftest import SITE, make_target, stored_keys


def head(s3, bucket, key):
    return s3.head_object(Bucket=bucket, Key=key)


def test_every_file_is_stored_with_its_md5_in_metadata(s3, bucket, site, target):
    report = deploy_site(site, target, progress=Silent())

    assert report.ok, report.failure_message()
    assert sorted(report.uploaded) == sorted(SITE)
    assert set(stored_keys(s3, bucket)) == set(SITE)
    for key in ("index.html", "media/5e88489b42.png", "zh/高血压.html"):
        body = (site / key).read_bytes()
        obj = s3.get_object(Bucket=bucket, Key=key)
        assert obj["Body"].read() == body
        assert obj["Metadata"]["md5"] == hashlib.md5(body).hexdigest()


def test_text_types_say_utf8_and_binary_types_do_not(s3, bucket, site, target):
    deploy_site(site, target, progress=Silent())

    types = {key: head(s3, bucket, key)["ContentType"] for key in SITE}
    assert types["index.html"] == "text/html; charset=utf-8"
    assert types["zh/高血压.html"] == "text/html; charset=utf-8"
    assert types["theme/css/style.0a1b2c3d.css"] == "text/css; charset=utf-8"
    assert types["theme/js/search.js"] == "text/javascript; charset=utf-8"
    assert types["search/index.json"] == "application/json; charset=utf-8"
    assert types["sitemap.xml"] == "application/xml; charset=utf-8"
    assert types["robots.txt"] == "text/plain; charset=utf-8"
    assert types["media/5e88489b42.png"] == "image/png"


def test_hashed_assets_are_immutable_and_pages_short_lived(s3, bucket, site, target):
    deploy_site(site, target, progress=Silent())

    cache = {key: head(s3, bucket, key).get("CacheControl") for key in SITE}
    assert cache["theme/css/style.0a1b2c3d.css"] == "public, max-age=31536000, immutable"
    assert cache["media/5e88489b42.png"] == "public, max-age=31536000, immutable"
    assert cache["index.html"] == "public, max-age=300"
    assert cache["feeds/zh.atom.xml"] == "public, max-age=300"
    assert cache["search/index.json"] == "public, max-age=300"
    assert cache["theme/js/search.js"] == "public, max-age=3600"


def test_cache_rules_and_content_types_from_the_config_file_win(s3, s3_endpoint, bucket, site, tmp_path):
    config = tmp_path / "kepu-deploy.toml"
    config.write_text(f"""
default_target = "staging"
[defaults]
content_types = {{ ".ico" = "image/vnd.microsoft.icon" }}
[targets.staging]
bucket = "{bucket}"
endpoint_url = "{s3_endpoint}"
addressing_style = "path"
[[targets.staging.cache]]
pattern = "*.html"
cache_control = "no-cache"
[[targets.staging.cache]]
pattern = "theme/js/**"
cache_control = "public, max-age=60"
""", encoding="utf-8")

    deploy_site(site, load_target(), progress=Silent())

    assert head(s3, bucket, "zh/gaoxueya/index.html")["CacheControl"] == "no-cache"
    assert head(s3, bucket, "theme/js/search.js")["CacheControl"] == "public, max-age=60"
    assert head(s3, bucket, "favicon.ico")["ContentType"] == "image/vnd.microsoft.icon"
    # rules not overridden keep their defaults
    assert head(s3, bucket, "media/5e88489b42.png")["CacheControl"].endswith("immutable")


def test_short_links_become_object_redirects(s3, bucket, site, target):
    deploy_site(site, target, progress=Silent())

    link = head(s3, bucket, "s/gx7k2/index.html")
    assert link["WebsiteRedirectLocation"] == "/zh/gaoxueya/"
    # the body stays, so hosts without redirect support still follow the meta refresh
    assert b"http-equiv=\"refresh\"" in s3.get_object(Bucket=bucket, Key="s/gx7k2/index.html")["Body"].read()
    # a withdrawn page's short link shows the notice: no redirect
    assert "WebsiteRedirectLocation" not in head(s3, bucket, "s/old99/index.html")


def test_gzip_stores_compressed_text_with_content_encoding(s3, s3_endpoint, bucket, site):
    target = make_target(s3_endpoint, bucket, gzip=True)
    deploy_site(site, target, progress=Silent())

    css = s3.get_object(Bucket=bucket, Key="theme/css/style.0a1b2c3d.css")
    assert css["ContentEncoding"] == "gzip"
    assert css["ContentType"] == "text/css; charset=utf-8"
    assert gzip.decompress(css["Body"].read()) == (site / "theme/css/style.0a1b2c3d.css").read_bytes()
    png = head(s3, bucket, "media/5e88489b42.png")
    assert "ContentEncoding" not in png  # images are already compressed

    again = deploy_site(site, target, progress=Silent())
    assert again.uploaded == [] and again.deleted == []


def test_prefix_keeps_the_site_under_a_folder(s3, s3_endpoint, bucket, site):
    s3.put_object(Bucket=bucket, Key="other-team/report.pdf", Body=b"%PDF")
    target = make_target(s3_endpoint, bucket, prefix="/kepu/")

    report = deploy_site(site, target, progress=Silent())

    keys = set(stored_keys(s3, bucket))
    assert "kepu/zh/高血压.html" in keys and "other-team/report.pdf" in keys
    assert report.deleted == []
    assert head(s3, bucket, "kepu/s/gx7k2/index.html")["WebsiteRedirectLocation"] == "/kepu/zh/gaoxueya/"


def test_short_links_written_by_the_channels_build_redirect_as_its_manifest_says(s3, bucket, target,
                                                                                 tmp_path):
    import json

    from kepu.channels.shortlinks import MANIFEST, ShortLink, write_short_links

    site = tmp_path / "built"
    (site / "zh/gaoxueya").mkdir(parents=True)
    (site / "index.html").write_text("<h1>科普</h1>", encoding="utf-8")
    write_short_links(site, [
        ShortLink("gx7k2", "/s/gx7k2/", "/zh/gaoxueya/", "/zh/gaoxueya/", "zh", label="高血压"),
        ShortLink("gx7k2", "/s/gx7k2/douyin-xinxue/",
                  "https://kepu.example/zh/gaoxueya/?utm_source=douyin&utm_campaign=%E6%98%A5",
                  "/zh/gaoxueya/", "zh", "douyin-xinxue", "高血压"),
        ShortLink("old99", "/s/old99/", None, None, "zh"),  # withdrawn: the notice, no redirect
    ])
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))

    deploy_site(site, target, progress=Silent())

    for key, location in manifest.items():
        assert head(s3, bucket, key)["WebsiteRedirectLocation"] == location
    assert "WebsiteRedirectLocation" not in head(s3, bucket, "s/old99/index.html")

