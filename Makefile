# Convenience targets; each delegates to a script that needs only Python.
.PHONY: demo test test-quick lint bench

demo:
	python3 scripts/demo.py

test:
	python3 scripts/test.py

test-quick:
	python3 scripts/test.py -m "not slow and not browser"

lint:
	.venv/bin/ruff check .

bench:
	python3 scripts/bench.py
