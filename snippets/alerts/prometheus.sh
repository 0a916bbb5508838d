#!/usr/bin/env bash
# Prometheus (Debian's package) with this page's alert rules, and a file server for the metrics
# renew_keys.py writes, both on loopback and in the background: pid files, logs and the rules copy
# in logs/, data in a temporary folder. stop_prometheus.sh stops both and deletes all of it.
set -euo pipefail
PROPS=snippets/alerts/prometheus.properties
ADDRESS=$(sed -n 's/^prometheus_address=//p' $PROPS)
TEXTFILE=$(sed -n 's/^textfile_address=//p' $PROPS)
mkdir -p logs/textfile
touch logs/textfile/key_renewal.prom  # empty until renew_keys.py writes it
# The same rules, every "for:" cut to 5s (prometheus.yml reads this copy).
sed -E 's/^( +for:) .*/\1 5s/' snippets/alerts/rules.yml > logs/alerts-rules.yml
DATA=$(mktemp -d)
echo "$DATA" > logs/prometheus-alerts.data
prometheus --config.file=snippets/alerts/prometheus.yml --storage.tsdb.path="$DATA" \
  --web.listen-address="${ADDRESS#http://}" > logs/prometheus-alerts.log 2>&1 &
echo $! > logs/prometheus-alerts.pid
python -m http.server --bind 127.0.0.1 --directory logs/textfile "${TEXTFILE##*:}" \
  > logs/textfile.log 2>&1 &
echo $! > logs/textfile.pid
for _ in $(seq 100); do curl -sf -o /dev/null "$ADDRESS/-/ready" && break; sleep 0.2; done
echo "Prometheus on $ADDRESS, key-renewal file on $TEXTFILE"
curl -s "$ADDRESS/api/v1/rules" | python -c '
import json, sys
rules = [r for g in json.load(sys.stdin)["data"]["groups"] for r in g["rules"]]
print(len(rules), "alert rules loaded:", ", ".join(r["name"] for r in rules))'
