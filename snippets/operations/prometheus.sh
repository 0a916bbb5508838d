#!/usr/bin/env bash
# Prometheus (Debian's package) on loopback, scraping TorchServe as prometheus.yml says; its data
# goes to a temporary folder, deleted when it stops (kill %1, or its pid in logs/prometheus.pid),
# its log to logs/prometheus.log.
set -euo pipefail
ADDRESS=$(sed -n 's/^prometheus_address=//p' snippets/operations/prometheus.properties)
DATA=$(mktemp -d)
mkdir -p logs
echo "Prometheus on $ADDRESS"
prometheus --config.file=snippets/operations/prometheus.yml --storage.tsdb.path="$DATA" \
  --web.listen-address="${ADDRESS#http://}" > logs/prometheus.log 2>&1 &
PROM=$!
echo $PROM > logs/prometheus.pid
# Stopped either way, Prometheus goes too (a signal to this script alone would leave it running).
trap 'kill $PROM 2> /dev/null || true; wait || true; rm -rf "$DATA" logs/prometheus.pid' EXIT
trap 'exit 143' TERM INT
wait
