#!/usr/bin/env bash
# Register mnist by URL: TorchServe downloads it from the model server into its store.
# The URL must match allowed_urls in config.properties (only this model server).
source snippets/setup/env.sh
curl -s -w '\n' -X POST -H "Authorization: Bearer $MANAGEMENT_KEY" \
  "$TS_MANAGEMENT/models?url=$MODEL_SERVER/mnist.mar"
