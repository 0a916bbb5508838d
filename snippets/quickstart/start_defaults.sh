#!/usr/bin/env bash
# TorchServe with its 0.12 defaults (defaults.properties), loading both mnist archives at start:
# --models works while the model API is off. Each model gets default_workers_per_model workers.
TS_CONFIG=snippets/quickstart/defaults.properties exec bash snippets/setup/start.sh \
  --models mnist=mnist.mar mnist_no_weights=mnist_no_weights.mar
