#!/usr/bin/env bash
# Every registered version of mnist, then the default one (what a request without a version gets).
source snippets/setup/env.sh
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/mnist/all" |
  python3 -c 'import json, sys
for m in json.load(sys.stdin):
    print(m["modelVersion"], len(m["workers"]), "worker(s)")'
# Without a version, describe answers for the default version.
curl -s -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/mnist" |
  python3 -c 'import json, sys; print("default:", json.load(sys.stdin)[0]["modelVersion"])'
# A request can name a version; without one it goes to the default.
for v in 1.0 2.0; do
  curl -s -o /dev/null -w "/predictions/mnist/$v -> HTTP %{http_code}\n" \
    -H "Authorization: Bearer $INFERENCE_KEY" -T snippets/quickstart/digits/3.png \
    "$TS_INFERENCE/predictions/mnist/$v"
done
