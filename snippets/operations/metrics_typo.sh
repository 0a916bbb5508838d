#!/usr/bin/env bash
# This page's config with a typo in the metrics yaml (RouteTask for RouteTasks), on a TorchServe of
# its own: it starts, the handler counts, nothing complains, and RouteTasks never reaches /metrics.
set -euo pipefail
WORK=$(mktemp -d)
sed 's/- name: RouteTasks$/- name: RouteTask/' snippets/operations/metrics.yaml > "$WORK/metrics.yaml"
sed "s#^metrics_config=.*#metrics_config=$WORK/metrics.yaml#" snippets/operations/config.properties \
  > "$WORK/config.properties"
export TS_CONFIG=$WORK/config.properties LOG_LOCATION=$WORK/logs  # its logs apart
bash snippets/setup/start.sh --models routes=routes.mar > /dev/null
python snippets/greedy-time/predict_route.py routes
source snippets/setup/env.sh
echo "/metrics, lines naming RouteTask:"
curl -s "$TS_METRICS/metrics" | grep RouteTask
echo "its ts_log.log:"
for _ in $(seq 50); do grep -q 'METRICS\]RouteTasks' "$LOG_LOCATION/ts_log.log" && break; sleep 0.1; done
grep -m 1 -o '\[METRICS\]RouteTasks[^|]*' "$LOG_LOCATION/ts_log.log"
torchserve --stop --foreground > /dev/null
rm -r "$WORK"
