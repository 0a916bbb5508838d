#!/usr/bin/env bash
# Tip 6: register from a URL whose file name is already in the model store -> 500.
# TorchServe downloads into the model store and refuses to overwrite a file there.
source snippets/setup/env.sh
curl -s -w 'HTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=$MODEL_SERVER/scorer.mar"
