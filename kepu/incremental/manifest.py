"""The build manifest, the output ledger, and finishing a build safely.

Every build renders into a fresh staging folder (kepu.build). What happens to
that folder at the end depends on the ledger's mode:

* full build — no usable manifest (first build, another output folder, the
  templates / code / settings / registries changed, or the last incremental
  apply was interrupted). Plugins render everything; the staging folder is
  swapped in whole, as DESIGN.md rule 6 asks.
* incremental build — the manifest matches. Plugins ask ``ledger.reuse(rel,
  key)`` before rendering each file and skip it when its key is unchanged, so
  the staging folder only holds the files that may have changed. Those are
  compared with the live ones, and only real changes are moved into the live
  folder (one atomic rename each) plus deletions, after a journal naming them
  was written. A failed build never touches the live folder; a build that dies
  mid-apply leaves the journal, which makes the next build a full one.

Plugins that do not use the ledger still work in both modes: their files are
staged every time and only differing ones reach the live folder.

The manifest lives in var/ (never in the deployed folder): per output file
its key, plus the output folder's inode, so a folder replaced by anything
else than kepu build is never trusted, plus a listing of the live folder
(per directory: its modification time and entries). Finding files nobody
built then costs one ``stat`` per directory instead of a walk of every file:
a directory whose mtime is unchanged still holds exactly the entries listed.
It is a pickle: at 10,000 pages it holds ~90,000 keys, which JSON took half a
second to write and pickle takes a few hundredths.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import marshal
import os
import pickle
import shutil
import sys
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from stat import S_ISDIR

FORMAT = 3
log = logging.getLogger("kepu.incremental")
# What the last finish_build did (mode, files written, why): for reports and tests.
last_result: dict = {}
_open_ledgers: dict[str, OutputLedger] = {}
# A build worker keeps the last manifest in memory instead of re-reading it.
_memory: dict[str, tuple[int, dict]] = {}
# OutputLedger.key's results, {parts: (global key, key)}: this build's and the last.
_keys_now: dict[tuple, tuple[str, str]] = {}
_keys_before: dict[tuple, tuple[str, str]] = {}


def digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=12)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def var_dir_for(output_dir: Path) -> Path:
    """KEPU_VAR_DIR, else var/ beside the output folder (the search index's rule too)."""
    if os.environ.get("KEPU_VAR_DIR"):
        return Path(os.environ["KEPU_VAR_DIR"])
    return Path(output_dir).resolve().parent / "var"


def manifest_path(output_dir: Path) -> Path:
    output_dir = Path(output_dir).resolve()
    tag = hashlib.sha256(str(output_dir).encode()).hexdigest()[:10]
    return var_dir_for(output_dir) / "build-manifests" / f"{output_dir.name}-{tag}.pickle"


def _journal(path: Path) -> Path:
    return path.with_suffix(".applying")


def _delta_log(path: Path) -> Path:
    return path.with_suffix(".changes")


def _signature(path: Path) -> tuple | None:
    try:
        base = path.stat().st_mtime_ns
    except OSError:
        return None
    try:
        log_stat = _delta_log(path).stat()
        return base, log_stat.st_size, log_stat.st_mtime_ns
    except OSError:
        return base, 0, 0


def read_manifest(path: Path) -> dict | None:
    """The last build's manifest: the base file with the change log applied."""
    signature = _signature(path)
    if signature is None:
        return None
    cached = _memory.get(str(path))
    if cached and cached[0] == signature:
        return cached[1]
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)  # noqa: S301 (our own file in var/)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if signature[1]:
            changes = io.BytesIO(_delta_log(path).read_bytes())
            while changes.tell() < signature[1]:
                change = pickle.load(changes)  # noqa: S301
                # A log left from an older base (a crash between writing a new base
                # and removing the log) belongs to nothing: its changes are skipped.
                if change.get("generation") == data.get("generation"):
                    _apply_change(data, change)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, TypeError):
        return None  # unreadable or cut short (a crash mid-append): a full build
    _memory[str(path)] = (signature, data)
    return data


def _apply_change(data: dict, change: dict) -> None:
    files, listing = data["files"], data["listing"]
    for rel in change["dropped"]:
        files.pop(rel, None)
    files.update(change["files"])
    for rel in change["unlisted"]:
        listing.pop(rel, None)
    listing.update(change["listing"])
    groups = data.setdefault("groups", {})
    for kind, ident in change.get("ungrouped", ()):
        groups.get(kind, {}).pop(ident, None)
    for kind, ident, value in change.get("groups", ()):
        groups.setdefault(kind, {})[ident] = value
    data["inode"] = change["inode"]


def _write_manifest(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data["generation"] = os.urandom(8).hex()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    _delta_log(path).unlink(missing_ok=True)
    _memory[str(path)] = (_signature(path), data)


# Past this size the change log is folded into a new base file (one full write).
MAX_CHANGE_LOG = 8 * 1024 * 1024


def _append_change(path: Path, data: dict, change: dict) -> None:
    """Record an incremental build's changes: appending them to the change log costs
    milliseconds where rewriting the whole manifest (~90,000 keys and the folder
    listing at 10,000 pages) took 0.1–0.2 s of every one-page publish."""
    _apply_change(data, change)
    log_file = _delta_log(path)
    try:
        size = log_file.stat().st_size
    except OSError:
        size = 0
    if size > MAX_CHANGE_LOG:
        _write_manifest(path, data)
        return
    change = {**change, "generation": data["generation"]}
    with open(log_file, "ab") as fh:
        pickle.dump(change, fh, protocol=pickle.HIGHEST_PROTOCOL)
    _memory[str(path)] = (_signature(path), data)


class OutputLedger:
    """Per build: which output files can be carried over, and what each was made from."""

    def __init__(self, staging: Path, live: Path | None, parts: dict[str, str]):
        self.staging, self.live, self.parts = Path(staging), live, dict(parts)
        self.global_key = digest(*(f"{k}={v}" for k, v in sorted(self.parts.items())))
        self.manifest = manifest_path(live) if live else None
        self.previous: dict[str, str] = {}
        # {kind: {page: (token, its files)}} of the last build and this one (stale()).
        self.previous_groups: dict[str, dict] = {}
        self.groups: dict[str, dict] = {}
        self.new_groups: list[tuple[str, str]] = []
        self.keys: dict[str, str] = {}
        self.carried: set[str] = set()
        self.listing: dict[str, tuple] = {}
        self.scan: DirectoryScan | None = None
        self.reason = "no previous build"
        self.incremental = False
        if self.manifest is not None:
            self._check_previous()

    @classmethod
    def open(cls, staging: Path, live: Path | None, parts: dict[str, str]) -> OutputLedger:
        """The ledger of the build writing into ``staging`` (one per build). ``parts``
        are what every output depends on (code, settings, registries …), by name."""
        ledger = _open_ledgers.get(str(staging))
        if ledger is None or ledger.parts != parts:
            ledger = cls(staging, live, parts)
            _open_ledgers[str(staging)] = ledger
        return ledger

    def _check_previous(self) -> None:
        if _journal(self.manifest).exists():
            self.reason = "the previous incremental apply was interrupted"
            return
        data = read_manifest(self.manifest)
        if data is None or not self.live.is_dir():
            return
        if data.get("inode") != self.live.stat().st_ino:
            self.reason = "the output folder was replaced outside kepu build"
        elif data.get("global") != self.global_key:
            before = data.get("parts") or {}
            changed = [k for k in sorted(self.parts) if before.get(k) != self.parts[k]]
            self.reason = f"changed since the last build: {', '.join(changed) or 'build format'}"
        else:
            self.previous, self.incremental, self.reason = data["files"], True, "incremental"
            self.previous_groups = data.get("groups") or {}
            self.listing = data.get("listing") or {}
            # Which live directories changed since the last build (where strays could
            # be) is looked up by a helper process while this build renders.
            self.scan = DirectoryScan(self.live, self.listing)

    def key(self, *parts: str) -> str:
        # ~90,000 keys a build at 10,000 pages, nearly all the same as last time:
        # remembered per process (a build worker), so a key is a dict lookup.
        found = _keys_now.get(parts)
        if found is None or found[0] != self.global_key:
            old = _keys_before.get(parts)
            found = old if old is not None and old[0] == self.global_key else \
                (self.global_key, digest(self.global_key, *parts))
            _keys_now[parts] = found
        return found[1]

    def reuse(self, rel: str, key: str) -> bool:
        """True when ``rel`` was built from exactly ``key`` last time: skip rendering it.

        False means: render it into the staging folder as usual. Either way the
        key is recorded for the next build.
        """
        # ~90,000 calls a build at 10,000 pages: kept to two dict operations.
        if self.previous.get(rel) == key and self.incremental:
            self.carried.add(rel)
            return True
        self.keys[rel] = key
        return False

    def stale(self, kind: str, items, idents, tokens: dict, files) -> list:
        """The ``items`` (pages) whose ``kind`` of output must be rendered again.

        For outputs made from one page and nothing else beyond the global key —
        its QR code, card, API document, scripts, short links. ``idents`` name the
        items (their URLs, in order); ``tokens[ident]`` is all an item's outputs
        are made from (its page_token). An item whose token equals last build's
        keeps all the files it had then, carried in one step; only for the others
        is ``files(item)`` asked ([(rel, key)], as reuse_all takes them). In a
        build worker at 10,000 pages this keeps a one-page publish from deriving
        every page's keys again in every plugin.
        """
        previous = self.previous_groups.get(kind, {}) if self.incremental else {}
        groups = self.groups.setdefault(kind, {})
        out, kept = [], []
        for item, ident in zip(items, idents, strict=True):
            tok = tokens[ident]
            hit = previous.get(ident)
            if hit is not None and hit[0] == tok:
                groups[ident] = hit
                kept.append(hit[1])
                continue
            pairs = files(item)
            groups[ident] = (tok, tuple(rel for rel, _ in pairs))
            self.new_groups.append((kind, ident))
            if not self.reuse_all(pairs):
                out.append(item)
        self.carried.update(chain.from_iterable(kept))  # one call, not one per page
        return out

    def reuse_all(self, pairs) -> bool:
        """``reuse`` for several (rel, key) pairs made together; True only if all can
        be kept. Every pair is recorded (no short-circuit: a file not asked about
        would count as no longer built)."""
        results = [self.reuse(rel, key) for rel, key in pairs]
        return all(results)


def discard_later(folder: Path) -> None:
    """Delete a replaced output folder without making the build wait for it.

    It is first renamed into var/trash/ (instant, same file system), so nothing
    half-deleted is left beside the live folder; a detached ``rm -rf`` then
    outlives a `kepu build` process that has already exited. Where there is no
    ``rm``, the folder is deleted here and now.
    """
    import subprocess
    import tempfile

    trash = var_dir_for(folder.parent / "x") / "trash"
    try:
        trash.mkdir(parents=True, exist_ok=True)
        target = Path(tempfile.mkdtemp(prefix="old-output-", dir=trash))
        os.rmdir(target)
        os.rename(folder, target)
        folder = target
    except OSError:
        pass  # another file system: delete it where it is
    rm = shutil.which("rm")
    if rm is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([rm, "-rf", "--", str(folder)], start_new_session=True,  # noqa: S603
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _staged_files(staging: Path) -> list[str]:
    out = []
    for folder, _, names in os.walk(staging):
        rel = os.path.relpath(folder, staging)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out.extend(prefix + name for name in names)
    return out


def list_tree(root: Path, previous: dict[str, tuple] | None = None,
              suspects: set[str] | None = None) -> dict[str, tuple]:
    """{directory (relative, "" for the root): (mtime_ns, files, subdirectories)}.

    A directory whose modification time equals the one in ``previous`` is not
    read again: adding, removing or renaming an entry always changes its
    directory's mtime, so its listed entries are still exact. Every directory
    known from ``previous`` is checked with one stat, in a flat loop (25,000
    directories at 10,000 pages); only changed and new ones are read. With
    ``suspects`` (the directories a DirectoryScan found changed or gone), the
    others are taken as they were without a stat.
    """
    previous = previous or {}
    listing: dict[str, tuple] = {}
    base = str(root)
    stat, isdir = os.stat, S_ISDIR
    todo = []
    if suspects is not None:
        listing = {rel: known for rel, known in previous.items() if rel not in suspects}
        todo = [rel for rel in suspects if rel in previous]
    else:
        for rel, known in previous.items():
            try:
                st = stat(f"{base}/{rel}" if rel else base)
            except (FileNotFoundError, NotADirectoryError):
                continue  # gone: so are the files it held
            if known[0] == st.st_mtime_ns and isdir(st.st_mode):
                listing[rel] = known
            else:
                todo.append(rel)
    if not previous:
        todo.append("")
    while todo:
        rel = todo.pop()
        if rel in listing:
            continue
        path = f"{base}/{rel}" if rel else base
        try:
            st = stat(path)
            if not isdir(st.st_mode):
                continue
            files, dirs = [], []
            with os.scandir(path) as entries:
                for entry in entries:
                    (dirs if entry.is_dir(follow_symlinks=False) else files).append(entry.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        listing[rel] = (st.st_mtime_ns, tuple(sorted(files)), tuple(sorted(dirs)))
        prefix = rel + "/" if rel else ""
        # New subdirectories are read; known ones were checked above.
        todo.extend(prefix + d for d in dirs if prefix + d not in listing)
    return listing


def listing_changes(root: Path, previous: dict[str, tuple],
                    suspects: set[str] | None = None) -> tuple[dict[str, tuple], list[str]]:
    """(directories whose entry differs from ``previous``, directories gone)."""
    now = list_tree(root, previous, suspects)
    changed = {rel: entry for rel, entry in now.items() if previous.get(rel) != entry}
    return changed, [rel for rel in previous if rel not in now]


# The helper's whole program: stdlib only, so it starts with -I -S in ~15 ms.
_SCAN = """
import marshal, os, stat, sys
base, known = marshal.loads(sys.stdin.buffer.read())
out = []
for rel, mtime in known.items():
    try:
        st = os.stat(base + "/" + rel if rel else base)
    except OSError:
        out.append(rel)
        continue
    if st.st_mtime_ns != mtime or not stat.S_ISDIR(st.st_mode):
        out.append(rel)
sys.stdout.buffer.write(marshal.dumps(out))
"""


class DirectoryScan:
    """Which of the live folder's directories changed since the last build, found
    by a helper process on the other core while this build renders.

    A stat of every directory (25,000 at 10,000 pages) is 40–60 ms of a one-page
    publish. A forked child would cost more than it saves: every heap page the
    parent then touches is copied (copy-on-write), ~50,000 faults a build. So the
    helper is a fresh interpreter (spawned, not forked), given the directories and
    their recorded mtimes, and answering with the ones that differ; only those are
    read again, here, at the end of the build (list_tree's ``suspects``). Any
    failure falls back to the scan in this process.
    """

    def __init__(self, root: Path, listing: dict[str, tuple]):
        import subprocess
        import threading

        self.root, self.listing, self.proc = root, listing, None
        self.answered = False  # whether the helper's answer was used
        if not os.path.basename(sys.executable or "").startswith("python"):
            return  # embedded (uWSGI and the like): sys.executable is not an interpreter
        try:
            self.proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _SCAN],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        except OSError:
            return
        payload = marshal.dumps((str(root), {rel: entry[0] for rel, entry in listing.items()}))
        # Written from a thread: the pipe holds 64 KB, the helper is still starting.
        self._feeder = threading.Thread(target=self._feed, args=(payload,), daemon=True)
        self._feeder.start()

    def _feed(self, payload: bytes) -> None:
        try:
            self.proc.stdin.write(payload)
            self.proc.stdin.close()
        except OSError:
            pass

    def close(self) -> None:
        """Stop the helper (a failed build) and reap it."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self._feeder.join()
            for pipe in (self.proc.stdin, self.proc.stdout):
                try:
                    pipe.close()
                except (OSError, ValueError):
                    pass
            self.proc = None

    def changes(self) -> tuple[dict[str, tuple], list[str]]:
        """listing_changes(root, listing), from the helper's answer when it gave one."""
        suspects = None
        if self.proc is not None:
            try:
                out = self.proc.stdout.read()
                self._feeder.join()
                if self.proc.wait() == 0:
                    suspects = set(marshal.loads(out))
                    self.answered = True
            except (OSError, ValueError, EOFError, TypeError):
                suspects = None
            finally:
                self.close()
        return listing_changes(self.root, self.listing, suspects)


def discard_ledger(staging: Path) -> None:
    """Forget a failed build's ledger (and stop its directory scan)."""
    ledger = _open_ledgers.pop(str(staging), None)
    if ledger is not None and ledger.scan is not None:
        ledger.scan.close()


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _remove_empty_parents(path: Path, stop: Path) -> None:
    folder = path.parent
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _rotate_keys() -> None:
    """Keep only the keys of the last two builds (the memory of OutputLedger.key)."""
    global _keys_now, _keys_before
    _keys_before, _keys_now = _keys_now, {}


def finish_build(staging: Path, output_dir: Path, swap: Callable[[Path, Path], None]) -> dict:
    """Put the finished build live; return {"mode", "files", "written", "removed", "reason"}."""
    _rotate_keys()
    staging, output_dir = Path(staging), Path(output_dir)
    ledger = _open_ledgers.pop(str(staging), None)
    path = manifest_path(output_dir)
    if ledger is None or not ledger.incremental:
        # Listed before the swap, one walk for both the files and the listing: the
        # rename within the same parent changes no modification time inside the tree.
        listing = list_tree(staging)
        staged = [f"{rel}/{name}" if rel else name
                  for rel, (_, names, _) in listing.items() for name in names]
        swap(staging, output_dir)
        keys = ledger.keys if ledger else {}
        files = {rel: keys.get(rel, "") for rel in staged}
        _write_manifest(path, {"format": FORMAT, "global": ledger.global_key if ledger else "",
                               "parts": ledger.parts if ledger else {},
                               "inode": output_dir.stat().st_ino, "files": files,
                               "listing": listing,
                               "groups": _kept_groups(ledger, files) if ledger else {}})
        return _done({"mode": "full", "files": len(files), "written": len(files), "removed": 0,
                      "rendered": len(files), "reason": ledger.reason if ledger else "no ledger"})

    staged = _staged_files(staging)
    changed = [rel for rel in staged if not _same_bytes(staging / rel, output_dir / rel)]
    staged_set = set(staged)
    # Built last time, not this time (a page withdrawn, a tag gone): delete.
    dropped = list(ledger.previous.keys() - ledger.carried - staged_set)
    # The live folder must end up exactly as a full build would leave it, so files
    # nobody built (hand-copied) go too. A directory whose mtime is unchanged still
    # holds what the last build left there, which was all built, so only changed
    # directories can hold strays (kepu.incremental: list_tree).
    new_dirs, gone_dirs = ledger.scan.changes() if ledger.scan else listing_changes(
        output_dir, ledger.listing)
    strays = [f"{rel}/{name}" if rel else name
              for rel, (_, names, _) in new_dirs.items() for name in names]
    removed = sorted(set(dropped).union(
        rel for rel in strays if rel not in ledger.carried and rel not in staged_set))
    journal = _journal(path)
    journal.write_text(json.dumps({"changed": changed, "removed": removed}), encoding="utf-8")
    for rel in changed:
        target = output_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    for rel in removed:
        target = output_dir / rel
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        _remove_empty_parents(target, output_dir)
    listing_update = dict(new_dirs)
    # Directories this build changed are read again next time (mtime unknown).
    for rel in (*changed, *removed):
        folder = rel.rpartition("/")[0]
        while True:
            entry = listing_update.get(folder) or ledger.listing.get(folder)
            if entry is not None:
                listing_update[folder] = (None, *entry[1:])
            if not folder:
                break
            folder = folder.rpartition("/")[0]
    data = read_manifest(path)
    if data is None or data["files"] is not ledger.previous:
        # The manifest changed under this build (another process wrote it): a new
        # base from what this build started from, to which its changes are added.
        data = {"format": FORMAT, "global": ledger.global_key, "parts": ledger.parts,
                "inode": output_dir.stat().st_ino, "files": dict(ledger.previous),
                "listing": dict(ledger.listing),
                "groups": {kind: dict(members) for kind, members in ledger.previous_groups.items()}}
        _write_manifest(path, data)
    carried, groups = ledger.carried, ledger.groups
    new_groups, lost = [], []
    for kind, ident in ledger.new_groups:
        value = groups[kind][ident]
        if all(rel in staged_set or rel in carried for rel in value[1]):
            new_groups.append((kind, ident, value))
        else:
            lost.append((kind, ident))
    gone = [(kind, ident) for kind, before in ledger.previous_groups.items()
            for ident in before.keys() - groups.get(kind, {}).keys()]
    _append_change(path, data, {"dropped": dropped, "groups": new_groups, "ungrouped": gone + lost,
                                "files": {rel: ledger.keys.get(rel, "") for rel in staged},
                                "unlisted": gone_dirs, "listing": listing_update,
                                "inode": output_dir.stat().st_ino})
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)
    return _done({"mode": "incremental", "files": len(data["files"]), "written": len(changed),
                  "removed": len(removed), "rendered": len(staged), "reason": ledger.reason})


def _kept_groups(ledger: OutputLedger, files: dict) -> dict:
    """Groups all of whose files were built: one that lost a file (a plugin that
    skipped writing it) is not recorded, so its page is asked about again."""
    return {kind: {ident: v for ident, v in members.items() if all(rel in files for rel in v[1])}
            for kind, members in ledger.groups.items()}


def _done(result: dict) -> dict:
    last_result.clear()
    last_result.update(result)
    log.info("kepu build: %(mode)s build (%(reason)s): %(rendered)d files rendered, "
             "%(written)d written, %(removed)d removed, %(files)d in the site", result)
    return result
