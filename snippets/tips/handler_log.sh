#!/usr/bin/env bash
# Tip 3: what a handler logs goes to logs/model_log.log (in the directory TorchServe started in).
# Watch it live with: tail -f logs/model_log.log
grep "MODEL_LOG - scorer:" logs/model_log.log | tail -n 1
