#!/usr/bin/env bash
# Wait until the inference key has expired (token_expiration_min=1), see it refused, then renew it
# with the API key, which never expires.
TS_CONFIG=snippets/operations/config.tls.properties source snippets/setup/env.sh
export CURL_CA_BUNDLE=tls/server.pem
EXPIRES=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["inference"]["expiration time"])' "$TS_KEY_FILE")
echo "inference key expires at $EXPIRES; waiting"
WAIT=$(( $(date -d "$EXPIRES" +%s) - $(date +%s) + 2 ))
if [ "$WAIT" -gt 0 ]; then sleep "$WAIT"; fi
status() { curl -s -o /dev/null -w 'HTTP %{http_code}' -H "Authorization: Bearer $1" "$2"; }
echo "/ping, expired key:        $(status "$INFERENCE_KEY" "$TS_INFERENCE/ping")"
echo "renew with the API key:    $(status "$(key API)" "$TS_MANAGEMENT/token?type=inference")"
echo "/ping, renewed key:        $(status "$(key inference)" "$TS_INFERENCE/ping")"
