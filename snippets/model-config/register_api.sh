#!/usr/bin/env bash
# The same archives registered through the management API: without parameters, and with
# batch_size, max_batch_delay (ms), initial_workers and response_timeout (s).
set -euo pipefail
source snippets/setup/env.sh
PARAMS="batch_size=4&max_batch_delay=50&initial_workers=2&response_timeout=10"
register() {
  curl -s -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
    "$TS_MANAGEMENT/models?url=$2&model_name=$1&synchronous=true${3:+&$3}" | grep '"status"'
}
register api_yaml pointer_net.mar               # archive with model-config.yaml, no parameters
register api_params pointer_net.mar "$PARAMS"   # archive with model-config.yaml, parameters
register api_plain pointer_net_plain.mar "$PARAMS"  # no model-config.yaml
