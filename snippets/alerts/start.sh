#!/usr/bin/env bash
# TorchServe with this page's config and pointer_latency, the pointer network timed by its handler.
TS_CONFIG=snippets/alerts/config.properties exec bash snippets/setup/start.sh \
  --models pointer_latency=pointer_latency.mar
