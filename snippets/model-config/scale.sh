#!/usr/bin/env bash
# The scale API changes a running model's workers, whatever its model-config.yaml says.
set -euo pipefail
source snippets/setup/env.sh
curl -s -X PUT -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models/pointer_net?min_worker=2&max_worker=2&synchronous=true" | grep '"status"'
