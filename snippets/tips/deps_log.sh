#!/usr/bin/env bash
# Tip 4: what pip said, from TorchServe's own log (the messages, without time and thread).
grep -A2 "Custom pip package installation failed" logs/ts_log.log | head -n 3 | sed 's/^.* - //'
