#!/usr/bin/env bash
# With the model API off, even the management key can neither load new code nor remove a model.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=new_model.mar"
curl -s -o /dev/null -w 'DELETE /models/greedy_time: HTTP %{http_code}\n' -X DELETE \
  -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/greedy_time"
