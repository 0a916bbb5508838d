#!/usr/bin/env bash
# The packaging benchmark (`make packaging-bench`): builds the three variants with the pages' own
# archive scripts, measures them in process and on a TorchServe of its own, then draws the plot.
# Writes tools/packaging/results.json and docs/images/packaging-latency.svg.
set -euo pipefail
python tools/packaging/bench.py "$@"
python tools/packaging/plot.py
