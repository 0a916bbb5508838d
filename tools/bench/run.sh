#!/usr/bin/env bash
# The Performance page's benchmark: its own TorchServe on free loopback ports, every archive
# from the model store, about 10 minutes on 2 cores. `make bench` builds the archives first.
# Writes tools/bench/results.json, results.csv and docs/images/perf-*.svg.
set -euo pipefail
python tools/bench/bench.py --model-store "${MODEL_STORE:-model_store}" "$@"
