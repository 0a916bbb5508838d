#!/usr/bin/env bash
# Every registered version of pointer_net, then the default one (what a request without a version gets).
source "$(dirname "$0")/../serve/env.sh"
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/pointer_net/all" |
  python3 -c 'import json, sys
for m in json.load(sys.stdin):
    print(m["modelVersion"], len(m["workers"]), "worker(s)")'
# Without a version, describe answers for the default version.
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/pointer_net" |
  python3 -c 'import json, sys; print("default:", json.load(sys.stdin)[0]["modelVersion"])'
