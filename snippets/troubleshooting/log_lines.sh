#!/usr/bin/env bash
# The lines of both TorchServe logs that match a pattern, once each, without their time stamps.
# Usage: bash snippets/troubleshooting/log_lines.sh PATTERN
grep -hE "$1" logs/ts_log.log logs/model_log.log | cut -d' ' -f2- | awk '!seen[$0]++' | cut -c1-180
