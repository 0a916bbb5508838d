#!/usr/bin/env bash
# Start TorchServe for fixed models: the production config (model API off) and the models
# loaded at start. Changing models means a restart with another --models list.
TS_CONFIG=${TS_CONFIG:-snippets/security/config.production.properties} \
  exec bash snippets/setup/start.sh \
  --models greedy_time=greedy_time.mar,greedy_distance=greedy_distance.mar,pointer_net=pointer_net.mar,mnist=mnist.mar
