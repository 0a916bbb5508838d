#!/usr/bin/env bash
# The Performance page's benchmark (`make bench`): it builds the archives it needs with the pages'
# own archive scripts and starts its own TorchServe on free loopback ports; about 10 minutes on
# 2 cores. Writes tools/bench/results.json, results.csv and docs/images/perf-*.svg.
set -euo pipefail
python tools/bench/bench.py "$@"
