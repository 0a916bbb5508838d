#!/usr/bin/env bash
# The inference key does not open the management API: each API has its own key.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -H "Authorization: Bearer $INFERENCE_KEY" "$TS_MANAGEMENT/models"
