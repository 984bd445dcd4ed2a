"""`kepu demo`: one command from a fresh checkout to CMS + site + search running.

Each step is a plain function so tests can run the same chain without servers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from kepu import paths

DEMO_LOGINS = [
    ("administrator", "admin", "kepu-admin"),
    ("editor", "editor-zhang", "kepu-editor"),
    ("expert", "expert-li", "kepu-expert"),
    ("publisher", "publisher", "kepu-publisher"),
]


def _say(message: str) -> None:
    print(message, flush=True)


def prepare(content_dir: Path | None = None, output_dir: Path | None = None) -> dict:
    """Migrate, load the demo corpus through the review workflow, export and build."""
    from kepu.djangoenv import setup_django

    setup_django()
    from django.core.management import call_command

    timings = {}
    t = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    timings["migrate"] = time.perf_counter() - t
    _say(f"  migrated the SQLite database ({timings['migrate']:.1f}s)")

    t = time.perf_counter()
    call_command("load_demo")
    timings["load_demo"] = time.perf_counter() - t
    _say(f"  demo corpus loaded and signed off through the workflow ({timings['load_demo']:.1f}s)")

    from cms.exporting.export import export_content

    t = time.perf_counter()
    stats = export_content(content_dir or paths.content_dir())
    timings["export"] = time.perf_counter() - t
    _say(f"  exported {len(stats.written)} changed, {len(stats.unchanged)} unchanged files "
         f"to content/ ({timings['export']:.1f}s)")

    from kepu.build import build_site

    t = time.perf_counter()
    build_site(content_dir or paths.content_dir(), output_dir or paths.output_dir())
    timings["build"] = time.perf_counter() - t
    _say(f"  built the static site into output/ ({timings['build']:.1f}s)")
    return timings


def _start_search_server(port: int) -> subprocess.Popen | None:
    try:
        import kepu.search  # noqa: F401
    except ImportError:
        return None
    return subprocess.Popen([sys.executable, "-m", "kepu.cli", "search", "serve", "--port", str(port)],
                            cwd=paths.ROOT)


def run(cms_port: int = 8000, site_port: int = 8001, search_port: int = 8002) -> None:
    started = time.perf_counter()
    _say("kepu demo: preparing (first run installs and loads everything; later runs are quick)")
    prepare()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    cms = subprocess.Popen([sys.executable, str(paths.ROOT / "manage.py"), "runserver",
                            f"127.0.0.1:{cms_port}", "--noreload"], cwd=paths.ROOT, env=env)
    search = _start_search_server(search_port)

    from kepu.preview import make_server

    site = make_server(paths.output_dir(), "127.0.0.1", site_port)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    _say("")
    _say(f"  CMS admin:  http://127.0.0.1:{cms_port}/admin/")
    _say(f"  site:       http://127.0.0.1:{site_port}/")
    if search:
        _say(f"  search API: http://127.0.0.1:{search_port}/search?q=血压高")
    _say("  demo logins (user / password):")
    for role, user, password in DEMO_LOGINS:
        _say(f"    {role:<14} {user:<14} {password}")
    _say(f"  ready in {time.perf_counter() - started:.0f}s — sign off a page in the admin and it is "
         "published to the site automatically. Ctrl-C stops everything.")

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        while cms.poll() is None:
            time.sleep(0.5)
        _say(f"the CMS server exited with code {cms.returncode}")
    except KeyboardInterrupt:
        _say("\nstopping…")
    finally:
        site.shutdown()
        for proc in (cms, search):
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
