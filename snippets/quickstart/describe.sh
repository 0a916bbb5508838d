#!/usr/bin/env bash
# One model in detail: versions, batching, and each worker's state.
source snippets/setup/env.sh
curl -s -w '\n' -H "Authorization: Bearer $MANAGEMENT_KEY" "$TS_MANAGEMENT/models/mnist"
