#!/usr/bin/env bash
# Send one digit image as the raw request body (curl -T); the reply is the digit read.
source snippets/setup/env.sh
curl -s -w '\n' -H "Authorization: Bearer $INFERENCE_KEY" \
  -T snippets/quickstart/digits/${1:-0}.png "$TS_INFERENCE/predictions/mnist"
