#!/usr/bin/env bash
# Register both versions of pointer_net, one worker each; the first registered is the default.
source "$(dirname "$0")/../serve/env.sh"
for mar in pointer_net.mar pointer_net_v2.mar; do
  curl -s -w '\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
    "$TS_MANAGEMENT/models?url=$mar&initial_workers=1&synchronous=true"
done
