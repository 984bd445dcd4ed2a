"""Measure export and sign-off → output ready, on the demo corpus and a generated one (issue 4.5).

Runs in its own process against a throwaway SQLite CMS in ``--work``:

    python -m cms.exporting.benchmark --pages 1000 --work /tmp/kepu-bench-export

The demo corpus is loaded through the real workflow; pages beyond it are
generated explainers, each signed with a correct hash (a corpus for timing,
not for review). Then, ``--runs`` times each: a full export into an empty
folder, an export with nothing changed, a full build, and an editor's change
signed off through ``cms.review.services.sign_off`` — timed from the sign-off
call until the publish task has exported and built the site and the new text
is in the output. ``export_benchmark`` runs this and returns the figures, for
``kepu bench --export``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def _environment(work: Path) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "KEPU_SQLITE_PATH": str(work / "cms.sqlite3"),
        "KEPU_MEDIA_ROOT": str(work / "media"),
        "KEPU_CONTENT_DIR": str(work / "content"),
        "KEPU_OUTPUT_DIR": str(work / "output"),
        "KEPU_SEARCH_INDEX_DIR": str(work / "search-index"),
        "KEPU_VAR_DIR": str(work / "var"),
        "KEPU_PUBLISH_ON_SIGNOFF": "1",
    }


# A throwaway SQLite CMS and the immediate task backend, whatever the caller uses:
# with it, the sign-off call returns only when the site has been rebuilt.
_UNSET = ("DATABASE_URL", "KEPU_TASK_BACKEND")


def _figures(samples: list[float]) -> dict:
    return {"median_seconds": statistics.median(samples), "runs": len(samples),
            "samples": [round(s, 3) for s in samples]}


def _generate(pages: int, say) -> int:
    """Add generated, signed explainers until the CMS holds ``pages`` pages."""
    from django.contrib.auth import get_user_model
    from wagtail.images import get_image_model

    from cms.content.models import DiseaseHub, Explainer, KepuPage
    from cms.people.models import Expert
    from cms.review.models import SignOff

    from .serialize import signed_hash

    missing = pages - KepuPage.objects.count()
    if missing <= 0:
        return 0
    editor = get_user_model().objects.get(username="editor-zhang")
    image = get_image_model().objects.order_by("pk").first()
    hubs = list(DiseaseHub.objects.order_by("path"))
    for n in range(missing):
        hub = hubs[n % len(hubs)]
        expert = Expert.objects.filter(specialties=hub.specialty_id).first()
        page = hub.add_child(instance=Explainer(
            title=f"{hub.title}：常见问题 {n + 1}", slug=f"bench-{n + 1}", locale_id=hub.locale_id,
            summary="关于这个病的一个常见问题，用通俗的话讲清楚。", audience="患者及家属",
            body="## 要点\n\n按医嘱规律服药，定期复查。\n\n有不适及时就医。" * 3, owner=editor,
            live=False, key_points="规律服药\n定期复查", red_flags="突然加重时立即就医",
            references=[("reference", {"title": "WHO fact sheet", "year": 2023,
                                       "url": "https://www.who.int/"})],
            panels=[("panel", {"image": image, "alt": "医生在向患者解释", "caption": "听医生的话。",
                               "bubbles": [{"character": None, "text": "要坚持复查。"}]})]))
        revision = page.save_revision(user=editor)
        SignOff.objects.create(page=page, revision=revision, expert=expert, signed_by=expert.user,
                               content_hash=signed_hash(revision), declaration="无利益冲突。",
                               next_review="2030-01-01", specialty=hub.specialty)
        if (n + 1) % 200 == 0:
            say(f"  generated {n + 1}/{missing} pages")
    return missing


def _signoff_to_output(run: int) -> float:
    """Edit a demo explainer, submit it, and time sign-off → the new title on the built site."""
    from django.conf import settings

    from cms.base.demo_loader import DEMO_LOGINS
    from cms.content.models import Explainer
    from cms.people.models import Expert
    from cms.review import services
    from cms.review.models import SignOff

    signed = SignOff.objects.valid().filter(page__in=Explainer.objects.exclude(
        slug__startswith="bench-")).select_related("page").first()
    page = signed.page.specific
    expert = Expert.objects.filter(specialties=page.get_specialty()).exclude(user=None).first()
    editor = page.owner
    draft = page.get_latest_revision_as_object()
    marker = f"（第 {run + 1} 次修订）"
    draft.title = draft.title.split("（")[0] + marker
    draft.save_revision(user=editor)
    services.submit_for_review(page, editor)
    started = time.perf_counter()
    services.sign_off(Explainer.objects.get(pk=page.pk), expert.user, DEMO_LOGINS["expert"][1],
                      "无利益冲突。")
    seconds = time.perf_counter() - started
    output = Path(settings.KEPU_OUTPUT_DIR)
    html = list(output.rglob(f"{draft.slug}/index.html"))
    if not any(marker in p.read_text(encoding="utf-8") for p in html):
        from .models import PublishRun

        run_record = PublishRun.objects.first()
        raise RuntimeError(f"the signed change is not on the site: {run_record and run_record.error}")
    return seconds


def measure(pages: int, runs: int, say: Callable[[str], None] = print) -> dict:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    # Workflow notifications would flood the console backend of the dev settings.
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    from cms.content.models import KepuPage

    demo_pages = KepuPage.objects.count()
    generated = _generate(pages, say)
    from kepu.build import build_site

    from .export import export_content

    content, output = Path(settings.KEPU_CONTENT_DIR), Path(settings.KEPU_OUTPUT_DIR)
    full, unchanged, builds, signoffs = [], [], [], []
    for _ in range(runs):
        shutil.rmtree(content, ignore_errors=True)
        t = time.perf_counter()
        report = export_content(content)
        full.append(time.perf_counter() - t)
        t = time.perf_counter()
        again = export_content(content)
        unchanged.append(time.perf_counter() - t)
        assert not again.written, "an export with no change wrote files"
        t = time.perf_counter()
        build_site(content, output)
        builds.append(time.perf_counter() - t)
    for run in range(runs):
        signoffs.append(_signoff_to_output(run))
    # name → figures only, as `kepu bench --export` prints them; each names its corpus.
    corpus = {"pages": report.pages, "demo_pages": demo_pages, "generated_pages": generated}
    result = {name: {**_figures(samples), **corpus} for name, samples in (
        ("full export", full), ("no-change export", unchanged), ("full build", builds),
        ("sign-off → output ready", signoffs))}
    say(f"{report.pages} pages: full export {statistics.median(full):.2f}s, no-change export "
        f"{statistics.median(unchanged):.2f}s, full build {statistics.median(builds):.2f}s, "
        f"sign-off → output ready {statistics.median(signoffs):.2f}s (median of {runs})")
    return result


def export_benchmark(pages: int, seed: int, work: Path, runs: int,
                     say: Callable[[str], None] = print) -> dict:
    """Run ``measure`` in a fresh process with its own SQLite CMS under ``work``."""
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    out = work / "figures.json"
    env = {k: v for k, v in os.environ.items() if k not in _UNSET} | _environment(work)
    subprocess.run([sys.executable, "-m", "cms.exporting.benchmark", "--pages", str(pages),
                    "--runs", str(runs), "--work", str(work), "--json", str(out)],
                   env=env, check=True, cwd=Path(__file__).resolve().parents[2])
    return json.loads(out.read_text(encoding="utf-8"))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="total pages (0: the demo corpus only)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    os.environ.update(_environment(args.work))
    for key in _UNSET:
        os.environ.pop(key, None)
    result = measure(args.pages, args.runs, say=lambda line: print(line, flush=True))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
