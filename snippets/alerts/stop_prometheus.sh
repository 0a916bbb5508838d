#!/usr/bin/env bash
# Stop what prometheus.sh started and delete what it wrote: Prometheus's data, pid files, rules copy.
for name in prometheus-alerts textfile; do
  if [ -f "logs/$name.pid" ]; then
    pid=$(cat "logs/$name.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null  # still there after 10 s: no longer asked
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm "logs/$name.pid"
  fi
done
[ -f logs/prometheus-alerts.data ] && rm -rf "$(cat logs/prometheus-alerts.data)" logs/prometheus-alerts.data
rm -f logs/alerts-rules.yml
echo "Prometheus and the file server have stopped; Prometheus's data is deleted."
