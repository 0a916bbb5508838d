#!/usr/bin/env bash
# The TorchServe log records matching a pattern, each with the exception line under it (ts_log.log
# holds every record twice: shown once).
# Usage: bash snippets/model-config/log_lines.sh PATTERN
awk -v pattern="$1" '
  /^[0-9][0-9][0-9][0-9]-/ { record = $0 }
  ($0 ~ pattern || (after && !/^[0-9][0-9][0-9][0-9]-|^\t/)) && !seen[record "\n" $0]++ { print }
  { after = ($0 ~ pattern) }' logs/ts_log.log | cut -c1-160
