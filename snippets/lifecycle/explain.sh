#!/usr/bin/env bash
# Ask why the model read the digit: one attribution per pixel (28 x 28 numbers).
# show_attributions.py prints their shape, range and a text picture instead of 784 numbers.
source "$(dirname "$0")/../serve/env.sh"
curl -s -H "Authorization: Bearer $INFERENCE_KEY" \
  -T snippets/digits/${1:-0}.png "$TS_INFERENCE/explanations/mnist" |
  python3 snippets/lifecycle/show_attributions.py
