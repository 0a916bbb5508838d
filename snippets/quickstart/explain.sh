#!/usr/bin/env bash
# Ask why the model read the digit: one attribution per pixel (28 x 28 numbers).
# show_attributions.py prints their shape, range and a text picture instead of 784 numbers.
source snippets/setup/env.sh
curl -s -H "Authorization: Bearer $INFERENCE_KEY" \
  -T snippets/quickstart/digits/${1:-0}.png "$TS_INFERENCE/explanations/mnist" |
  python3 snippets/quickstart/show_attributions.py
