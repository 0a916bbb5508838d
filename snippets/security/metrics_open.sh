#!/usr/bin/env bash
# The metrics API takes no token: anyone who reaches the port can read it.
source snippets/setup/env.sh
curl -s -o /dev/null -w 'HTTP %{http_code}\n' "$TS_METRICS/metrics"
