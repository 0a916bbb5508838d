#!/usr/bin/env bash
# The Model config page's batching sweep (`make sweep`): it builds the archives it needs with the
# pages' own archive scripts and starts its own TorchServe on free loopback ports; several minutes
# on 2 cores. Writes tools/sweep/results.json, results.csv and docs/images/sweep-throughput.svg.
set -euo pipefail
python tools/sweep/sweep.py "$@"
