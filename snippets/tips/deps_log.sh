#!/usr/bin/env bash
# Tip 4: what pip said, from TorchServe's own log.
grep -A3 "Custom pip package installation failed" logs/ts_log.log | head -n 4
