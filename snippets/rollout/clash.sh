#!/usr/bin/env bash
# Three mistakes against instance a, each with TorchServe's (or the archiver's) real reply.
TS_CONFIG=snippets/rollout/config.a.properties TS_KEY_FILE=rollout/a/key_file.json \
  source snippets/setup/env.sh
echo "== 2.0 archived under the name greedy_time, into the store that holds 1.0's greedy_time.mar"
torch-model-archiver --model-name greedy_time --version 2.0 \
  --model-file models/greedy_time.py \
  --handler handlers/route_handler.py \
  --extra-files handlers/safe_handler.py \
  --config-file snippets/greedy-time/greedy_time_lade.yaml \
  --export-path model_store 2>&1 | grep -m 1 -A 1 '^ERROR'
echo "== the same archive name registered again"
curl -s -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models?url=greedy_time.mar"
echo "== set-default for a version that was never registered"
curl -s -X PUT -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/greedy_time/3.0/set-default"
