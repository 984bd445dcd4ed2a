"""Benchmarks of the kepu build against Hugo (issue 9).

``corpus`` writes a deterministic zh/en content/ tree of any size, ``hugo``
converts the same tree into an equivalent Hugo site, and ``runner`` times
both builds (plus incremental rebuilds, search indexing and CMS export) in
fresh processes. ``kepu bench`` and scripts/bench.py are thin shells over
``runner.run_benchmark``. Nothing here runs in CI as a timed test.
"""
