#!/usr/bin/env bash
# TorchServe with this page's config and two route models: greedy_time, and routes (the same
# model with the handler that counts tasks and refusals).
TS_CONFIG=snippets/operations/config.properties exec bash snippets/setup/start.sh \
  --models greedy_time=greedy_time.mar,routes=routes.mar
