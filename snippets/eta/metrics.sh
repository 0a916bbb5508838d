#!/usr/bin/env bash
# The ETA model's request counter on the metrics API (Prometheus text; this API takes no key).
source snippets/setup/env.sh
# (The hostname label is dropped here: it is your machine's name.)
curl -s "$TS_METRICS/metrics" | grep -E '^ts_inference_requests_total\{.*model_name="eta"' \
  | sed -E 's/hostname="[^"]*",//'
