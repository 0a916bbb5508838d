#!/usr/bin/env bash
# Make version 2.0 the one that /predictions/mnist (no version) uses.
source snippets/setup/env.sh
curl -s -w '\n' -X PUT -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models/mnist/2.0/set-default"
