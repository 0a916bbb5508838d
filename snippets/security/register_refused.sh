#!/usr/bin/env bash
# With the model API off, even the management key cannot load new code.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=${1:-new_model.mar}"
