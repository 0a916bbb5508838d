#!/usr/bin/env bash
# Every version of pointer_net, one line each: version, default or not, worker count.
source "$(dirname "$0")/../serve/env.sh"
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/pointer_net/all" |
  python3 -c 'import json, sys
for m in json.load(sys.stdin):
    print(m["modelVersion"], "default" if m["isDefault"] else "-", len(m["workers"]), "worker(s)")'
