#!/usr/bin/env bash
# Every registered model, with its default version's archive; then each version of mnist and
# where its archive came from.
source snippets/setup/env.sh
curl -s -w '\n' -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models"
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/mnist/all" |
  python3 -c 'import json, sys
for m in json.load(sys.stdin):
    print("mnist", m["modelVersion"], m["modelUrl"])'
