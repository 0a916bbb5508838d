#!/usr/bin/env bash
# Register mnist.mar from the model store: a bare file name, no URL.
# initial_workers defaults to 0, so the model cannot answer yet (see scale.sh).
source snippets/setup/env.sh
curl -s -w '\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=mnist.mar"
