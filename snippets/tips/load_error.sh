#!/usr/bin/env bash
# Tip 1: why the worker died - the last line of its traceback in the model log.
grep -m1 "MODEL_LOG - ValueError" logs/model_log.log
