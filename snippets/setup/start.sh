#!/usr/bin/env bash
# Start TorchServe in the background with the guide's config, wait until it answers, and show the
# lines of its start-up report that matter. Run from the repository root: the keys go to
# ./key_file.json, the logs to ./logs/ (the full start-up output to logs/start.out).
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}" logs
# --ncs: no config snapshots. TS_SNAPSHOTS=on writes them to logs/config/.
NCS=--ncs; [ "${TS_SNAPSHOTS:-}" = on ] && NCS=
torchserve --start $NCS \
  --model-store "${MODEL_STORE:-model_store}" \
  --ts-config "${TS_CONFIG:-snippets/setup/config.properties}" "$@" > logs/start.out 2>&1
# The keys are written to ./key_file.json a moment after the start.
for _ in $(seq 60); do [ -f "${TS_KEY_FILE:-key_file.json}" ] && break; sleep 0.5; done
source snippets/setup/env.sh
# /ping needs the inference key too; it answers once the models given with --models are loaded.
for _ in $(seq 120); do
  curl -sf -o /dev/null -H "Authorization: Bearer $INFERENCE_KEY" "$TS_INFERENCE/ping" && break
  sleep 1
done
grep -E '^(Torchserve version|Inference address|Management address|Metrics address|Model Store|Allowed Urls|Model API enabled|Initial Models|Key file located)' logs/start.out
curl -s -H "Authorization: Bearer $INFERENCE_KEY" "$TS_INFERENCE/ping"
