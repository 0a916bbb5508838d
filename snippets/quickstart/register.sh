#!/usr/bin/env bash
# Register mnist.mar from the model store, with one worker, and wait until it is ready.
source snippets/setup/env.sh
curl -s -w '\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=mnist.mar&initial_workers=1&synchronous=true"
