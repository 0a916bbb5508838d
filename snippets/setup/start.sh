#!/usr/bin/env bash
# Start TorchServe in the background with the guide's config, wait until it answers, and show the
# lines of its start-up report that matter. Run from the repository root: the keys go to
# ./key_file.json, the logs to ./logs/ (the full start-up output to logs/start.out).
set -euo pipefail
mkdir -p "${MODEL_STORE:-model_store}" logs
# --ncs: no config snapshots. TS_SNAPSHOTS=on writes them to logs/config/.
NCS=--ncs; [ "${TS_SNAPSHOTS:-}" = on ] && NCS=
# A server another page left running holds the ports: this start would fail, and /ping reach that one.
ADDRESS=$(sed -n 's/^inference_address=//p' "${TS_CONFIG:-snippets/setup/config.properties}" | tail -n 1)
if curl -sk -o /dev/null --max-time 5 "$ADDRESS/ping"; then
  echo "start.sh: a server already answers on $ADDRESS: stop it first (bash snippets/setup/stop_all.sh)" >&2
  exit 1
fi
# A key file older than this start is one a stopped or crashed TorchServe left: not ours.
STARTED=$(mktemp); trap 'rm -f "$STARTED"' EXIT
torchserve --start $NCS \
  --model-store "${MODEL_STORE:-model_store}" \
  --ts-config "${TS_CONFIG:-snippets/setup/config.properties}" "$@" > logs/start.out 2>&1 \
  || { echo "start.sh: torchserve --start failed:" >&2; cat logs/start.out >&2; exit 1; }
# The keys are written to ./key_file.json a moment after the start: wait for this server's.
KEYS=${TS_KEY_FILE:-key_file.json}
keys_ready() {  # newer than this start, and whole (TorchServe writes it in more than one go)
  [ "$KEYS" -nt "$STARTED" ] && python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$KEYS" 2>/dev/null
}
for _ in $(seq 60); do keys_ready && break; sleep 0.5; done
keys_ready || {
  echo "start.sh: TorchServe wrote no new $KEYS in 30 s (is another one running? see logs/start.out)" >&2
  exit 1; }
source snippets/setup/env.sh
# /ping needs the inference key too; it answers once the models given with --models are loaded.
for _ in $(seq 120); do
  curl -sf -o /dev/null -H "Authorization: Bearer $INFERENCE_KEY" "$TS_INFERENCE/ping" && break
  sleep 1
done
grep -E '^(Torchserve version|Inference address|Management address|Metrics address|Model Store|Allowed Urls|Model API enabled|Initial Models|Key file located)' logs/start.out
curl -s -H "Authorization: Bearer $INFERENCE_KEY" "$TS_INFERENCE/ping"
