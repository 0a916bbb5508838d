#!/usr/bin/env bash
# Start TorchServe with the latest snapshot as its config: the models and workers it lists come
# back. TS_SNAPSHOTS is not on, so this run writes no snapshots of its own.
set -euo pipefail
TS_CONFIG=$(ls -t logs/config/*.cfg | head -1)
# A snapshot writes ':' as '\:' (Java properties); start.sh's /ping needs the address plain.
TS_INFERENCE=$(sed -n 's/^inference_address=//p' "$TS_CONFIG" | tr -d '\\')
TS_CONFIG=$TS_CONFIG TS_INFERENCE=$TS_INFERENCE exec bash snippets/setup/start.sh
