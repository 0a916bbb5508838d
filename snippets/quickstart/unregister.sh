#!/usr/bin/env bash
# Remove mnist version 1.0: its workers stop; an archive downloaded from a URL is deleted too.
source snippets/setup/env.sh
curl -s -w '\n' -X DELETE -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models/mnist/1.0"
