"""A long-running build worker, for the "one changed page" figure without start-up.

`kepu publish` triggered by a sign-off can run in a process that stays up (the
CMS's task worker). This harness is that process: it builds once, then builds
again each time it reads a line on stdin, and answers with one JSON line per
build (seconds, mode, files rendered and written). Everything kepu keeps in
memory between builds — parsed pages, the manifest, compiled code — is kept.

    python -m kepu.bench.worker CONTENT OUTPUT
"""

from __future__ import annotations

import json
import sys
import time


def main(content: str, output: str) -> None:
    from kepu.build import build_site, collect_garbage
    from kepu.incremental import manifest

    for _ in iter(sys.stdin.readline, ""):
        started = time.perf_counter()
        build_site(content, output)
        result = {"seconds": time.perf_counter() - started, **manifest.last_result}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
        # The build runs with the cyclic collector paused (kepu.build); the worker
        # collects the previous site model's cycles while it waits for the next edit.
        collect_garbage()


if __name__ == "__main__":
    main(*sys.argv[1:3])
