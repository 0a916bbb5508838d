#!/usr/bin/env bash
# Let mnist run one to two workers; synchronous=true waits until they are ready.
source snippets/setup/env.sh
curl -s -w '\n' -X PUT -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models/mnist?min_worker=1&max_worker=2&synchronous=true"
