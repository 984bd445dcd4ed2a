"""`kepu build`: content/ → a complete static site, swapped in whole.

Pelican runs with site/pelicanconf.py (or publishconf.py) into a fresh folder
next to the output folder. Only when the build has succeeded is that folder
renamed into place, so a failed build — bad content, a template error — leaves
the previous site live and untouched (DESIGN.md rule 6).
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from kepu import paths
from kepu.errors import EnvironmentProblem, UserInputError

REQUIRED_PLUGINS = ("kepu_content",)


@dataclass
class BuildReport:
    output_dir: Path
    pages: int = 0          # published content pages (hubs, explainers, stories)
    withdrawn: int = 0      # tombstones written
    files: int = 0          # every file in the new output
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"built {self.pages} pages ({self.withdrawn} withdrawn) — {self.files} files "
                f"in {self.seconds:.1f}s → {self.output_dir}")


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def pelican_settings(content_dir: Path, output_dir: Path, *, publish: bool = False,
                     overrides: dict | None = None) -> dict:
    """Pelican settings from site/pelicanconf.py (or publishconf.py) for these folders."""
    from pelican.settings import read_settings

    conf = paths.site_dir() / ("publishconf.py" if publish else "pelicanconf.py")
    override = {"PATH": str(content_dir), "KEPU_CONTENT_DIR": str(content_dir),
                "OUTPUT_PATH": str(output_dir), **(overrides or {})}
    return read_settings(str(conf), override=override)


def _swap_in(staging: Path, output_dir: Path) -> None:
    """Replace output_dir by staging with two renames; roll back if the second fails."""
    old = None
    if output_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.old-", dir=output_dir.parent))
        os.rmdir(old)
        os.rename(output_dir, old)
    try:
        os.rename(staging, output_dir)
    except OSError:
        if old is not None:
            os.rename(old, output_dir)
        raise
    if old is not None:
        # The new site is live now; deleting ~90,000 old files takes longer than the
        # build at 10,000 pages, so it happens after the build returns (issue 9).
        from kepu.incremental.manifest import discard_later

        discard_later(old)


def _run(pelican, staging: Path):
    """Run Pelican; return the SiteModel it built (for the report)."""
    from pelican import signals

    captured = {}

    def capture(generators):
        for generator in generators:
            if generator.settings.get("OUTPUT_PATH") == str(staging):
                captured["site"] = generator.context.get("kepu_site")
                return

    # A local receiver, referenced until disconnect (blinker holds receivers weakly).
    signals.all_generators_finalized.connect(capture)
    try:
        # Pelican prints "Processed 0 articles" (it reads no articles: kepu_content does).
        with contextlib.redirect_stdout(io.StringIO()):
            pelican.run()
    finally:
        signals.all_generators_finalized.disconnect(capture)
    return captured.get("site")


@contextlib.contextmanager
def _cyclic_gc_paused():
    """A build allocates millions of long-lived objects (the site model, caches), so
    CPython's cyclic collector kept re-scanning the whole heap: a quarter of a
    10,000-page build's time, and in forked workers it dirtied shared pages
    (copy-on-write). Builds make almost no reference cycles (peak memory measured
    the same with the collector off), so it is paused for the build; plain
    reference counting still frees everything else at once.

    Re-enabling it would scan everything the build allocated at the very next
    allocation (~0.2 s at 10,000 pages, inside the build's time), so the heap is
    frozen first (gc.freeze: skipped by the collector). The next build, or
    collect_garbage() when a long-running process is idle, unfreezes it."""
    was_enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def collect_garbage() -> int:
    """Collect the reference cycles the last build left (for a process that stays
    up between builds — the publishing task, the build worker — while it waits)."""
    gc.unfreeze()
    return gc.collect()


def build_site(content_dir, output_dir, *, settings_overrides: dict | None = None,
               publish: bool = False) -> BuildReport:
    """Build the site from ``content_dir`` and swap it into ``output_dir``.

    Raises UserInputError listing every `path:line: field: message` when the
    content is invalid; the previous ``output_dir`` is then left as it was.
    """
    with _cyclic_gc_paused():
        return _build_site(content_dir, output_dir, settings_overrides=settings_overrides,
                           publish=publish)


def _build_site(content_dir, output_dir, *, settings_overrides: dict | None,
                publish: bool) -> BuildReport:
    from pelican import Pelican

    from kepu.contentformat import ContentErrors
    from kepu.incremental.manifest import discard_ledger, finish_build
    from kepu.incremental.parallel import abandon_children, finish_children

    started = time.monotonic()
    content_dir, output_dir = Path(content_dir).resolve(), Path(output_dir).resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.building-", dir=output_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the site is served to everyone
    collector = _WarningCollector()
    logging.getLogger("pelican").addHandler(collector)
    try:
        # The live folder, so unchanged outputs can stay as they are (kepu.incremental).
        settings = pelican_settings(content_dir, staging, publish=publish,
                                    overrides={"KEPU_PREVIOUS_OUTPUT": str(output_dir),
                                               **(settings_overrides or {})})
        pelican = Pelican(settings)
        missing = [name for name in REQUIRED_PLUGINS if name not in pelican.settings["PLUGINS"]]
        if missing:
            raise EnvironmentProblem(f"Pelican plugin(s) failed to load: {', '.join(missing)} "
                                     f"(see the log above; plugin path {settings['PLUGIN_PATHS']})")
        site = _run(pelican, staging)
        finish_children()  # normally done at Pelican's "finalized" already
        # Swap the fresh folder in whole, or (incremental build) move in only the
        # files that changed, behind a journal (kepu/incremental/manifest.py).
        finished = finish_build(staging, output_dir, _swap_in)
    except ContentErrors as exc:
        abandon_children()
        discard_ledger(staging)
        shutil.rmtree(staging, ignore_errors=True)
        lines = "\n".join(f"  {error}" for error in exc.errors)
        raise UserInputError(f"content is invalid; the previous site was left as it was:\n{lines}") from None
    except BaseException:
        # A search child may still be writing into staging/ (it answered early).
        abandon_children()
        discard_ledger(staging)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logging.getLogger("pelican").removeHandler(collector)
    report = BuildReport(output_dir, pages=len(site.pages) if site else 0,
                         withdrawn=len(site.withdrawn) if site else 0,
                         files=finished["files"],
                         seconds=time.monotonic() - started, warnings=collector.messages)
    return report
