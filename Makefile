# Two commands matter: `make serve` (the site) and `make test` (every test).
# Both set up what they need first; the rest are the one-command jobs the pages mention.
SHELL := /bin/bash
PY    := .venv/bin/python
export NO_MKDOCS_2_WARNING := 1
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: serve test setup archives outputs build screenshots load faults bench train-mnist train-pointer-net evaluate

setup:
	@tools/setup.sh venv java

serve: setup
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

build: setup
	$(PY) -m mkdocs build --strict

test: setup
	@tools/setup.sh chromium
	$(PY) -m pytest

# Every .mar into model_store/ (git-ignored), exactly as the pages build them.
archives: setup
	@mkdir -p model_store
	@for s in snippets/archive/*.sh; do echo "== $$s"; bash "$$s" || exit 1; done

# Re-capture every output shown on the pages from a live TorchServe.
outputs: setup
	$(PY) -m pytest tests/live --update-outputs

# A bounded load (5,000 requests, 32 clients, every reply checked) and a worker killed under
# load; each stores its figures next to its script for the pages.
load: setup
	@set -o pipefail; $(PY) snippets/load/load_run.py | tee snippets/load/load_run.py.out

faults: setup
	@set -o pipefail; $(PY) snippets/load/fault_run.py | tee snippets/load/fault_run.py.out

# The performance matrix for the Performance page (about 10 minutes on 2 cores):
# snippets/bench/results.json and .csv, docs/images/perf-*.svg.
bench: archives
	@bash snippets/bench/run.sh

# Retrain the digit model from scikit-learn's bundled digits (about two minutes on 2 cores):
# models/mnist.pt and the ten held-out images snippets/digits/0..9.png.
train-mnist: setup
	$(PY) models/train_mnist.py

# Retrain the route PointerNet on synthetic LaDe-shaped routes (a few minutes on 2 cores):
# models/pointer_net.pt.
train-pointer-net: setup
	$(PY) models/train_pointer_net.py

# The Model quality page's table: every route model on held-out synthetic routes.
evaluate: setup
	@set -o pipefail; $(PY) snippets/quality/evaluate.py | tee snippets/quality/evaluate.py.out

# Real screenshots for the pages, taken with headless Chromium: docs/images/*.png.
screenshots: setup
	@tools/setup.sh chromium
	$(PY) tools/screenshots.py
