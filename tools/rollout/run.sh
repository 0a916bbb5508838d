#!/usr/bin/env bash
# The Rollout page's long run (`make rollout-bench`): greedy_time called at least 50,000 times with
# the JVM's default heap, then with -Xmx in vmargs, memory sampled every second; then the plot.
# Writes tools/rollout/results.json and docs/images/rollout-memory.svg (ROLLOUT_RESULTS and
# ROLLOUT_PLOT write them elsewhere: the tests' quick run does).
set -euo pipefail
RESULTS=${ROLLOUT_RESULTS:-tools/rollout/results.json}
python tools/rollout/longrun.py --out "$RESULTS" "$@"
python tools/rollout/plot.py "$RESULTS" "${ROLLOUT_PLOT:-docs/images/rollout-memory.svg}"
