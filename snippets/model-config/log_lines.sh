#!/usr/bin/env bash
# The TorchServe log lines matching a pattern (each is logged twice in ts_log.log: shown once).
# Usage: bash snippets/model-config/log_lines.sh PATTERN
grep -hE "$1" logs/ts_log.log | uniq | cut -c1-160
