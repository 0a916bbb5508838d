#!/usr/bin/env bash
# The packaging benchmark (`make packaging-bench`): builds the variants with the pages' own
# archive scripts, measures them in process and on a TorchServe of its own, then draws the plot.
# Writes tools/packaging/results.json and docs/images/packaging-latency.svg (PACKAGING_RESULTS and
# PACKAGING_PLOT write them elsewhere: the tests' smoke run does).
set -euo pipefail
RESULTS=${PACKAGING_RESULTS:-tools/packaging/results.json}
# PYTHONPATH: the guide's handlers and models, which bench.py imports to time the model in process.
PYTHONPATH=handlers:models python tools/packaging/bench.py --out "$RESULTS" "$@"
python tools/packaging/plot.py "$RESULTS" "${PACKAGING_PLOT:-docs/images/packaging-latency.svg}"
