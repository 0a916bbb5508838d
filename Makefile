# Two commands matter: `make serve` (the site) and `make test` (every test).
# Both set up what they need first; the rest are the one-command jobs the pages mention.
SHELL := /bin/bash
PY    := .venv/bin/python
# Material for MkDocs prints its end-of-life notice (2027-05-05, Zensical succeeds it) on every build;
# the home and setup pages state it with the date, so the build log stays readable.
export NO_MKDOCS_2_WARNING := 1
export PATH := $(CURDIR)/.venv/bin:$(PATH)
# Test processes at once (pytest-xdist): the walks spend much of their time waiting on servers,
# so twice the cores keeps them busy (on 2 cores, 4 finished the suite ~25 s sooner than 3).
# A module's tests stay in one process; modules are handed out in collection order
# (tests/conftest.py puts the longest first), not by test count.
TEST_JOBS ?= $(shell echo $$(( $$(nproc) * 2 )))
XDIST := -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder

.PHONY: help serve test setup archives outputs build screenshots load faults bench \
        sweep packaging-bench compare tune rollout-bench train-mnist train-pointer-net train-eta evaluate

help: ## this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  make %-18s %s\n", $$1, $$2 }'

setup: ## .venv from the lockfile, Java for TorchServe (what every other target needs)
	@tools/setup.sh venv java

serve: setup ## the site on http://127.0.0.1:8000/ (zh) and /en/
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

build: setup ## the site into site/, strict
	$(PY) -m mkdocs build --strict

# The Debian packages install while the venv does (one waits on the network and dpkg, the other on
# the CPU); the recipe fails if either does.
test: ## lint (ruff), then every test: units, each page walked from a fresh clone, tools, site, browser
	@tools/setup.sh java chromium prometheus nginx wrk fonts & debian=$$!; \
	  tools/setup.sh venv; venv=$$?; wait $$debian && [ $$venv = 0 ]
	$(PY) -m ruff check .
	$(PY) -m pytest $(XDIST)

archives: setup ## every .mar into model_store/, by the pages' own snippets/*/archive_*.sh
	@mkdir -p model_store
	@for s in snippets/*/archive_*.sh; do echo "== $$s"; bash "$$s" || exit 1; done

outputs: setup ## re-capture every output shown on the pages: each page walked from a fresh clone
	$(PY) -m pytest $(XDIST) tests/pages --update-outputs

.PHONY: one-clone
one-clone: setup ## every page in nav order in one clone and one shell, as a reader keeps it (long)
	@tools/setup.sh prometheus nginx wrk
	TSHARNESS_ONE_CLONE=1 $(PY) -m pytest tests/pages/test_one_clone.py -q -s

load: setup ## a bounded load run (every reply checked); figures next to tools/load/load_run.py
	@set -o pipefail; PYTHONPATH=models $(PY) tools/load/load_run.py | tee tools/load/load_run.py.out

faults: setup ## a worker killed under load; figures next to tools/load/fault_run.py
	@set -o pipefail; PYTHONPATH=models $(PY) tools/load/fault_run.py | tee tools/load/fault_run.py.out

bench: setup ## the Performance page's benchmark (about 10 minutes on 2 cores): results and plots
	@bash tools/bench/run.sh

sweep: setup ## the Model config page's batching sweep (7-11 minutes on 2 cores): results and plot
	@bash tools/sweep/run.sh

packaging-bench: setup ## the Packaging page's side-by-side run of every packaging (several minutes): results and plot
	@bash tools/packaging/run.sh

compare: setup ## TorchServe, LitServe and a FastAPI floor side by side (a few minutes): results and plot
	$(PY) tools/compare/compare.py

tune: setup ## frontend tuning: each TorchServe knob against the same baseline (about 15 minutes on 2 cores): results and plot
	$(PY) tools/tune/tune.py

rollout-bench: setup ## the Rollout page's long run (two runs of 50,000 requests, several minutes): memory, results and plot
	@bash tools/rollout/run.sh

evaluate: setup ## the Model quality page's table, from held-out synthetic routes
	@set -o pipefail; PYTHONPATH=models $(PY) snippets/model-quality/evaluate.py | tee snippets/model-quality/evaluate.py.out

train-mnist: setup ## retrain models/mnist.pt from scikit-learn's digits (about two minutes)
	$(PY) models/train_mnist.py

train-pointer-net: setup ## retrain models/pointer_net.pt on synthetic routes (a few minutes)
	$(PY) models/train_pointer_net.py

train-eta: setup ## retrain models/eta.pt, the ETA regressor, on synthetic pickups (a few minutes)
	$(PY) models/train_eta.py

screenshots: setup ## the pages' screenshots with headless Chromium: docs/images/*.png
	@tools/setup.sh chromium prometheus
	$(PY) tools/screenshots.py
