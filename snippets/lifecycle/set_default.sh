#!/usr/bin/env bash
# Make shanghai-v2 the version that /predictions/pointer_net (no version) uses.
source "$(dirname "$0")/../serve/env.sh"
curl -s -w '\n' -X PUT -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models/pointer_net/shanghai-v2/set-default"
