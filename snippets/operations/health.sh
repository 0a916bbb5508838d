#!/usr/bin/env bash
# A health check with token auth on: /ping wants the inference key, like every inference call.
# A probe (a load balancer's, Kubernetes') must send it too, read from the key file.
source snippets/setup/env.sh
curl -s -o /dev/null -w '/ping, no key:        HTTP %{http_code}\n' "$TS_INFERENCE/ping"
curl -s -o /dev/null -w '/ping, inference key: HTTP %{http_code}\n' \
  -H "Authorization: Bearer $INFERENCE_KEY" "$TS_INFERENCE/ping"
