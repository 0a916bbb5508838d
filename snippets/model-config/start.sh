#!/usr/bin/env bash
# TorchServe with this page's config, loading three models at start: pointer_net (its archive has
# a model-config.yaml), plain and bare (the same model packed without one).
TS_CONFIG=snippets/model-config/model-config.properties exec bash snippets/setup/start.sh \
  --models pointer_net=pointer_net.mar plain=pointer_net_plain.mar bare=pointer_net_plain.mar
