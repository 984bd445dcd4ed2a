from kepu.deploy import deploy_site
from kepu.deploy.progress import Silent
from tests.deploy.conftest import make_target
PAGE = "zh/gaoxueya/index.html"
def test_dbg(proxy, s3, bucket, site):
    target = make_target(proxy.url, bucket, max_attempts=1)
    f = proxy.fail("PUT", PAGE, 503, skip=1, times=1)
    deploy_site(site, target, progress=Silent())
    (site / PAGE).write_text("<h1>高血压 v2</h1>", encoding="utf-8")
    r = deploy_site(site, target, progress=Silent())
    print(f, [x for x in proxy.requests if x[0] == "PUT" and "gaoxueya" in x[1]], r.failed, r.uploaded)
    assert 0
