#!/usr/bin/env bash
# The lines of both TorchServe logs that match a pattern, once each, without their time stamps. Only
# the running TorchServe's: the logs in logs/ keep the lines of every server started here before it,
# so records older than its start (the last "Torchserve version" in ts_log.log) are left out.
# Usage: bash snippets/troubleshooting/log_lines.sh PATTERN
since=$(awk '/^[0-9][0-9][0-9][0-9]-/ { t = substr($0, 1, 23) } /^Torchserve version/ { s = t }
             END { print s }' logs/ts_log.log)
awk -v since="$since" '/^[0-9][0-9][0-9][0-9]-/ { keep = substr($0, 1, 23) >= since } keep' \
    logs/ts_log.log logs/model_log.log |
  grep -E "$1" | cut -d' ' -f2- | awk '!seen[$0]++' | cut -c1-180
