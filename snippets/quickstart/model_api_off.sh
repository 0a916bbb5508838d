#!/usr/bin/env bash
# The same registration with a token, on the TorchServe started with 0.12's defaults
# (no enable_model_api=true): registering through the API is switched off.
source snippets/setup/env.sh
curl -s -w '\nHTTP %{http_code}\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=mnist.mar"
