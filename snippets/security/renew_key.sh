#!/usr/bin/env bash
# The inference and management keys expire after token_expiration_min (60 by default). A new one
# comes from the management port's /token, asked with the API key (the one key that never expires);
# TorchServe rewrites key_file.json and refuses the old key at once.
source snippets/setup/env.sh
OLD_KEY=$INFERENCE_KEY
status() { curl -s -o /dev/null -w 'HTTP %{http_code}' -H "Authorization: Bearer $1" "$2"; }
echo "renew with the management key: $(status "$MANAGEMENT_KEY" "$TS_MANAGEMENT/token?type=inference")"
echo "renew with the API key:        $(status "$(key API)" "$TS_MANAGEMENT/token?type=inference")"
echo "/ping, old inference key:      $(status "$OLD_KEY" "$TS_INFERENCE/ping")"
echo "/ping, new inference key:      $(status "$(key inference)" "$TS_INFERENCE/ping")"
