#!/usr/bin/env bash
# The metrics API takes no token: anyone who reaches the port can read it.
# The guide's config sets metrics_mode=prometheus; with the default (log) the body would be empty.
source snippets/setup/env.sh
curl -s -o /dev/null -w 'no token: HTTP %{http_code}, %{content_type}\n' "$TS_METRICS/metrics"
