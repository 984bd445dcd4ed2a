"""Dependency-aware incremental builds and two-core rendering (issue 9).

A build records, for every output file, a key: a hash of everything the file
was made from (the content files it shows, the templates and code, the
settings, the registries). The next build computes the same keys first and
re-renders only the files whose key changed; the rest are left exactly where
they are — same bytes, same inode, same modification time.

* ``manifest``     — the build manifest, the ledger plugins ask "can I skip
                     this file?", and ``finish_build``: swap a fresh folder in
                     whole (full build) or apply the few changed files
                     (incremental build) behind a journal.
* ``contentcache`` — content/ parsed once: unchanged files are not read again
                     (in-process for a build worker, a pickle in var/ for a
                     fresh process); the first parse uses both cores.
* ``parallel``     — ``fork_map``: independent work split over forked
                     workers that share the parent's memory copy-on-write.

When a full build is done and when an incremental one is safe is decided in
one place, ``manifest.OutputLedger.open``; see docs/benchmarks.md.
"""
