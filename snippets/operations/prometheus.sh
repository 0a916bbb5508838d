#!/usr/bin/env bash
# Prometheus (Debian's package) on loopback, scraping TorchServe as prometheus.yml says; its data
# goes to a temporary folder, deleted when it stops (kill %1), its log to logs/prometheus.log.
set -euo pipefail
ADDRESS=$(sed -n 's/^prometheus_address=//p' snippets/operations/prometheus.properties)
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
mkdir -p logs
echo "Prometheus on $ADDRESS"
prometheus --config.file=snippets/operations/prometheus.yml --storage.tsdb.path="$DATA" \
  --web.listen-address="${ADDRESS#http://}" > logs/prometheus.log 2>&1
